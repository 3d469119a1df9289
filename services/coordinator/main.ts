/**
 * The SerialWaitCoordinator's wiring. Events flow one way:
 * - ShardKeeper emits `acquired`/`lost` for shards → SerialReconciler adopts or forgets them.
 * - SerialOperations emits `definitionActive` on every Enqueue → SerialReconciler.markActive,
 *   subscribed here once both exist (before the server accepts calls).
 * - SerialReconciler calls into SerialOperations (`exclusive`, the per-definition mutex) and
 *   HandOff; HandOff tells masters of admissions through MasterNotifier.
 * Nothing is handed a closure that reaches back to the component that calls it.
 */
import { parseEnv } from '../../shared/config/common-env.js';
import { connectDb } from '../../shared/db/connect.js';
import { resolveMysqlUrl } from '../../shared/config/mysql-url.js';
import { migrateToLatest } from '../../shared/db/migrate.js';
import { errorMessage } from '../../shared/errors.js';
import { MemberDirectory } from '../../shared/etcd/member-directory.js';
import { bindService } from '../../shared/grpc/server.js';
import { requestStop } from '../../shared/instances/request-stop.js';
import { batonProto } from '../../shared/proto/load.js';
import { SerialKeys } from '../../shared/serial/serial-keys.js';
import { ServiceRuntime } from '../../shared/service-runtime.js';
import { coordinatorEnvSchema } from './env.js';
import { HandOff } from './hand-off.js';
import { coordinatorHandlers } from './handlers.js';
import { InstanceStates } from './instance-states.js';
import { MasterNotifier } from './master-notifier.js';
import { registerCoordinatorMetrics } from './metrics.js';
import { SerialOperations } from './serial-operations.js';
import { SerialReconciler } from './serial-reconciler.js';
import { SerialStore } from './serial-store.js';
import { ShardClaimStore } from './shard-claim-store.js';
import { ShardKeeper } from './shard-keeper.js';
import { TaskGroupKeys } from '../../shared/task-groups/task-group-keys.js';
import { TaskGroupHandOff } from './task-groups/task-group-hand-off.js';
import { taskGroupHandlers } from './task-groups/task-group-handlers.js';
import { TaskGroupOperations } from './task-groups/task-group-operations.js';
import { TaskGroupReconciler } from './task-groups/task-group-reconciler.js';
import { TaskGroupRecords } from './task-groups/task-group-records.js';
import { TaskGroupStore } from './task-groups/task-group-store.js';
import { peerBindOptions } from '../../shared/tls/peer-authorizer.js';
import { COORDINATOR_PEERS } from '../../shared/tls/peer-rules.js';

/** The SerialWaitCoordinator: per-definition serial queues and running slots in etcd. Wiring. */
async function main(): Promise<void> {
  const env = parseEnv(coordinatorEnvSchema);
  const runtime = await ServiceRuntime.create({ role: 'coordinator', env });
  const { log, etcd, keys, channels } = runtime;
  const db = connectDb(resolveMysqlUrl(env), { poolSize: env.MYSQL_POOL_SIZE });
  await migrateToLatest(db);
  const serialKeys = new SerialKeys(env.ETCD_PREFIX);
  const masters = await MemberDirectory.open(etcd, keys, 'master', log);
  const coordinators = await MemberDirectory.open(etcd, keys, 'coordinator', log);
  const keeper = new ShardKeeper(
    runtime,
    new ShardClaimStore(etcd, serialKeys),
    env.SERIAL_SHARDS,
    coordinators,
  );
  const store = new SerialStore(etcd, serialKeys);
  const states = new InstanceStates(db, env.SERIAL_GAP_WAIT_MS);
  const notifier = new MasterNotifier(masters, channels, log);
  const handOff = new HandOff(store, states, notifier, log);
  const stopDeps = { db, etcd, keys, masters, channels, log };
  const stopHolder = (instanceId: string, reason: string): void => {
    requestStop(stopDeps, instanceId, reason).catch((err: unknown) =>
      log.debug({ instance_id: instanceId, err: errorMessage(err) }, 'holder stop not needed'),
    );
  };
  const operations = new SerialOperations(
    keeper,
    store,
    states,
    handOff,
    notifier,
    stopHolder,
    log,
  );
  const reconciler = new SerialReconciler(
    keeper,
    store,
    states,
    operations,
    handOff,
    notifier,
    env.SERIAL_RECONCILE_INTERVAL_MS,
    log,
  );
  // Subscribed before the server starts, so no Enqueue's definition goes unreconciled.
  operations.on('definitionActive', (shard, workflow) => reconciler.markActive(shard, workflow));
  registerCoordinatorMetrics(
    () => reconciler.activeDefinitions(),
    (shard, workflow) => store.queueLength(shard, workflow),
  );
  // Task groups share the shards (and their fences) with serial definitions.
  const groupStore = new TaskGroupStore(etcd, new TaskGroupKeys(env.ETCD_PREFIX), serialKeys);
  const groupRecords = new TaskGroupRecords(db);
  const groupHandOff = new TaskGroupHandOff(groupStore, groupRecords, notifier, log);
  const groups = new TaskGroupOperations(keeper, groupStore, groupRecords, groupHandOff, log);
  const groupReconciler = new TaskGroupReconciler(
    keeper,
    groupStore,
    groups,
    groupHandOff,
    env.SERIAL_RECONCILE_INTERVAL_MS,
    log,
  );
  const self = { name: runtime.name, shardCount: env.SERIAL_SHARDS };
  const handlers = {
    ...coordinatorHandlers(operations, store, self),
    ...taskGroupHandlers(groups, groupStore, self),
  };
  const coordinatorService = batonProto().Coordinator.service;
  const access = peerBindOptions(runtime.tls !== undefined, coordinatorService, COORDINATOR_PEERS);
  await runtime.serve([bindService(coordinatorService, handlers, log, access)]);
  await keeper.start();
  reconciler.start();
  groupReconciler.start();

  runtime.lifecycle.addStep('stop reconcilers', async () => {
    await reconciler.stop();
    await groupReconciler.stop();
  });
  runtime.lifecycle.addStep('hand shards over', () => keeper.stop());
  runtime.lifecycle.addStep('close directories', async () => {
    await masters.close();
    await coordinators.close();
  });
  runtime.finishShutdownSteps();
  runtime.lifecycle.addStep('close database', () => db.destroy());
  runtime.lifecycle.installSignalHandlers();
}

main().catch((err: unknown) => {
  process.stderr.write(
    `coordinator failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
