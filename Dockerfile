# syntax=docker/dockerfile:1
# One image for every Baton process. It names no service: each compose service (see
# deploy/compose.yaml) gives its own command, e.g. `node dist/services/master/main.js`, and the
# `baton` CLI is on PATH for healthchecks (`baton health 127.0.0.1:50051`) and for operators.
#
#   docker build -t baton .

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `prepare` runs the build, which needs the sources copied below: install without scripts.
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; scripts off because `prepare` would run tsc, a dev dependency.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
# What the processes read from disk at run time, relative to /app (the package root, which
# services/cli/cluster/infra/repo-root.ts finds by package.json): the compiled code (with migrations and
# shared/proto/loader-options.json), the .proto files shared/proto/load.ts loads, the demo
# definitions `baton cluster up --demo` applies, and the first-start script of compose's `init`
# service (certificates and secrets; deploy/compose-init.sh).
COPY --from=build /app/dist ./dist
COPY proto/baton ./proto/baton
COPY deploy/demo ./deploy/demo
COPY deploy/compose-init.sh ./deploy/compose-init.sh
# The worker's default WORKER_DATA_DIR in compose; a named volume mounted here starts out with
# this ownership, so the unprivileged user can write task logs and working dirs.
RUN ln -s /app/dist/services/cli/main.js /usr/local/bin/baton \
  && mkdir -p /var/lib/baton-worker \
  && chown node:node /var/lib/baton-worker
USER node
# gRPC (LISTEN) and Prometheus metrics (METRICS_LISTEN), as deploy/compose.yaml sets them.
EXPOSE 50051 9464
