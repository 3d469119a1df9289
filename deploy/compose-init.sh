#!/bin/sh
# First-start bootstrap of deploy/compose.yaml, run by its `init` service before anything else:
#
#   sh deploy/compose-init.sh --member NAME:ROLE[:HOST,...] ...
#
# 1. The cluster's private CA and one certificate per member (`baton certs init`, which keeps
#    files that exist), into $CERTS_DIR.
# 2. Random MySQL passwords into $SECRETS_DIR, each written only when absent:
#      mysql-root-password   MySQL's root (MYSQL_ROOT_PASSWORD_FILE)
#      mysql-password        the `baton` account, MySQL's copy (MYSQL_PASSWORD_FILE)
#      baton-mysql-password  the same password, the Baton services' copy (MYSQL_PASSWORD_FILE)
#
# Ownership: every private file is mode 0600 and belongs to the one uid that reads it. The
# Baton image runs as `node` ($BATON_UID) and mysql:8.0 as `mysql` ($MYSQL_UID); the `baton`
# password is needed by both, so each gets a copy of its own rather than a shared group: the
# two images agree on no gid, and a group-readable file would be readable by whatever else
# joins that group. etcd's keys stay root's (the etcd image runs as root), so the Baton
# containers, which mount the same volume, cannot read them; nor the CA key, which nobody but
# this step needs. Run as non-root (tests run this script as the current user) nothing is
# handed over: the files already belong to the user every process runs as.
set -eu
umask 077

: "${CERTS_DIR:?}" "${SECRETS_DIR:?}" "${BATON_UID:?}" "${MYSQL_UID:?}"

baton certs init --dir "$CERTS_DIR" "$@"
# Certificates are public (the umask above made them private); keys stay 0600.
chmod 0755 "$CERTS_DIR"
for file in "$CERTS_DIR"/*.pem; do
  case $file in
    *-key.pem) chmod 0600 "$file" ;;
    *) chmod 0644 "$file" ;;
  esac
done

is_root() { [ "$(id -u)" = 0 ]; }

# Every member but etcd's is a Baton process or a Baton CLI (`client`): its key goes to node.
expect_member=false
for arg in "$@"; do
  if [ "$expect_member" = true ]; then
    expect_member=false
    name=${arg%%:*}
    role=${arg#*:}
    role=${role%%:*}
    if [ "$role" != etcd ] && is_root; then chown "$BATON_UID" "$CERTS_DIR/$name-key.pem"; fi
  elif [ "$arg" = --member ]; then
    expect_member=true
  fi
done

random_secret() {
  node -e 'process.stdout.write(require("node:crypto").randomBytes(24).toString("base64url"))'
}

# write_secret FILE UID VALUE: writes VALUE (no newline) unless FILE exists, atomically.
write_secret() {
  if [ -s "$1" ]; then return 0; fi
  printf '%s' "$3" >"$1.tmp"
  if is_root; then chown "$2" "$1.tmp"; fi
  mv "$1.tmp" "$1"
  echo "created $1"
}

mkdir -p "$SECRETS_DIR"
chmod 0755 "$SECRETS_DIR"
write_secret "$SECRETS_DIR/mysql-root-password" "$MYSQL_UID" "$(random_secret)"
# One password, two copies: when one copy exists (an interrupted first start), it is the one.
if [ -s "$SECRETS_DIR/mysql-password" ]; then
  baton_password=$(cat "$SECRETS_DIR/mysql-password")
elif [ -s "$SECRETS_DIR/baton-mysql-password" ]; then
  baton_password=$(cat "$SECRETS_DIR/baton-mysql-password")
else
  baton_password=$(random_secret)
fi
write_secret "$SECRETS_DIR/mysql-password" "$MYSQL_UID" "$baton_password"
write_secret "$SECRETS_DIR/baton-mysql-password" "$BATON_UID" "$baton_password"
