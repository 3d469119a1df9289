import { parseEnv, commonEnvSchema } from '../../shared/config/common-env.js';
import { connectDb } from '../../shared/db/connect.js';
import { migrateToLatest } from '../../shared/db/migrate.js';
import { MemberDirectory } from '../../shared/etcd/member-directory.js';
import { bindService } from '../../shared/grpc/server.js';
import { batonProto } from '../../shared/proto/load.js';
import { ServiceRuntime } from '../../shared/service-runtime.js';
import { CoordinatorClient } from '../../shared/serial/coordinator-client.js';
import { Definitions } from './definitions.js';
import { apiHandlers } from './handlers.js';
import { Instances } from './instances.js';
import { registerStateCountMetrics } from './metrics.js';

/** The public API: definitions, instances, logs. Stateless; wiring only. */
async function main(): Promise<void> {
  const env = parseEnv(commonEnvSchema);
  const runtime = await ServiceRuntime.create({ role: 'api', env });
  const { log, etcd, keys, channels } = runtime;
  const db = connectDb(env.MYSQL_URL, { poolSize: env.MYSQL_POOL_SIZE });
  await migrateToLatest(db);
  const masters = await MemberDirectory.open(etcd, keys, 'master', log);
  const workers = await MemberDirectory.open(etcd, keys, 'worker', log);
  const definitions = new Definitions(db);
  const stopDeps = { db, etcd, keys, masters, channels, log };
  const instances = new Instances(db, definitions, masters, channels, stopDeps, runtime.name, log);
  const coordinators = await CoordinatorClient.open(runtime);
  const handlers = apiHandlers({
    db,
    etcd,
    keys,
    definitions,
    instances,
    workers,
    channels,
    coordinators,
  });
  registerStateCountMetrics(db);
  await runtime.serve([bindService(batonProto().BatonApi.service, handlers, log)]);
  runtime.lifecycle.addStep('close directories', async () => {
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
