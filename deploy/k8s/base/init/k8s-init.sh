#!/bin/sh
# The init Job's script (deploy/k8s/base/init-job.yaml), in the Baton image:
#
#   sh /init/k8s-init.sh --member NAME:ROLE[:HOST,...] ...
#
# 1. Restore the cluster CA from Secret baton-ca when it exists, so certificates made now are
#    signed by the CA every pod already trusts.
# 2. `baton certs init`: the CA (when new) and a certificate per member, into $WORK_DIR.
# 3. Store what is missing as Secrets (put-secrets.mjs), the CA first.
set -eu
umask 077
WORK_DIR=${WORK_DIR:-/work/certs}
SCRIPTS=$(dirname "$0")

node "$SCRIPTS/put-secrets.mjs" restore-ca "$WORK_DIR"
baton certs init --dir "$WORK_DIR" "$@"
node "$SCRIPTS/put-secrets.mjs" store "$WORK_DIR" "$@"
