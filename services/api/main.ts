import { parseEnv } from '../../shared/config/common-env.js';
import { connectDb } from '../../shared/db/connect.js';
import { resolveMysqlUrl } from '../../shared/config/mysql-url.js';
import { migrateToLatest } from '../../shared/db/migrate.js';
import { MemberDirectory } from '../../shared/etcd/member-directory.js';
import { CallAdmission } from '../../shared/grpc/admission.js';
import { bindService } from '../../shared/grpc/server.js';
import { batonProto } from '../../shared/proto/load.js';
import { ServiceRuntime } from '../../shared/service-runtime.js';
import type { BatonApiDefinition } from '../../shared/proto/gen/baton/v1/BatonApi.js';
import type { BatonApiStreams } from '../../shared/proto/streaming-methods.js';
import { CoordinatorClient } from '../../shared/serial/coordinator-client.js';
import { API_METHOD_ROLES } from '../../shared/auth/api-method-roles.js';
import { TokenAuthorizer } from '../../shared/auth/token-authorizer.js';
import { TokenStore } from '../../shared/auth/token-store.js';
import { adminHandlers } from './admin-handlers.js';
import { AlertChannels } from './alert-channels.js';
import { Definitions } from './definitions.js';
import { apiEnvSchema, apiLimitsOf } from './env.js';
import { Backfills } from './backfills.js';
import { apiHandlers } from './handlers.js';
import { InstanceControls } from './instance-controls.js';
import { Instances } from './instances.js';
import { startRequestIdPurge } from './requests/request-purge.js';
import { RequestIds } from './requests/request-store.js';
import { registerStateCountMetrics } from './metrics.js';
import { startWatching } from './watch/watching.js';

/** The public API: definitions, instances, logs. Stateless; wiring only. */
async function main(): Promise<void> {
  const env = parseEnv(apiEnvSchema);
  const limits = apiLimitsOf(env);
  const runtime = await ServiceRuntime.create({ role: 'api', env });
  const { log, etcd, keys, channels } = runtime;
  const db = connectDb(resolveMysqlUrl(env), { poolSize: env.MYSQL_POOL_SIZE });
  await migrateToLatest(db);
  const masters = await MemberDirectory.open(etcd, keys, 'master', log);
  const workers = await MemberDirectory.open(etcd, keys, 'worker', log);
  const definitions = new Definitions(db, limits);
  const requestIds = new RequestIds(db, env.REQUEST_ID_RETENTION);
  const stopDeps = { db, etcd, keys, masters, channels, log, requestIds };
  const instanceDeps = { ...stopDeps, definitions, processName: runtime.name, limits };
  const instances = new Instances(instanceDeps);
  const controls = new InstanceControls(instanceDeps, instances);
  const backfills = new Backfills(instanceDeps);
  const purge = startRequestIdPurge(requestIds, env.REQUEST_ID_PURGE_INTERVAL_MS, log);
  const coordinators = await CoordinatorClient.open(runtime);
  const watching = await startWatching(db, env, log);
  // Before the server stops accepting: open streams would otherwise hold its drain until the
  // grace ends; ended with UNAVAILABLE, their clients reconnect (after_change) elsewhere.
  runtime.lifecycle.addStep('end watch streams', () => watching.close());
  const handlers = apiHandlers({
    db,
    etcd,
    keys,
    definitions,
    instances,
    controls,
    backfills,
    alertChannels: new AlertChannels(db, { allowedHosts: env.ALERT_ALLOWED_HOSTS }),
    workers,
    channels,
    coordinators,
    watch: watching.deps,
  });
  registerStateCountMetrics(db);
  const tokens = new TokenStore(db);
  const authorizer = new TokenAuthorizer(tokens, API_METHOD_ROLES);
  const { authorize } = authorizer;
  // One bound for both services: past it callers are told to back off (RESOURCE_EXHAUSTED,
  // retry-after-ms) instead of every call slowing down behind a backlog on etcd or MySQL.
  const admission = new CallAdmission(env.MAX_INFLIGHT_CALLS);
  await runtime.serve([
    bindService<BatonApiDefinition, BatonApiStreams>(batonProto().BatonApi.service, handlers, log, {
      authorize,
      admission,
    }),
    bindService(batonProto().BatonAdmin.service, adminHandlers(db, authorizer), log, {
      authorize,
      admission,
    }),
  ]);
  runtime.lifecycle.addStep('close directories', async () => {
    await purge.stop();
    await masters.close();
    await workers.close();
    await coordinators.close();
  });
  runtime.finishShutdownSteps();
  runtime.lifecycle.addStep('close database', () => db.destroy());
  runtime.lifecycle.installSignalHandlers();
}

main().catch((err: unknown) => {
  process.stderr.write(
    `api failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
