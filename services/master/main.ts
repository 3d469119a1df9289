import { racePoint } from '../../shared/race-points.js';
import { parseEnv } from '../../shared/config/common-env.js';
import { connectDb } from '../../shared/db/connect.js';
import { resolveMysqlUrl } from '../../shared/config/mysql-url.js';
import { migrateToLatest } from '../../shared/db/migrate.js';
import { MemberDirectory } from '../../shared/etcd/member-directory.js';
import { bindService } from '../../shared/grpc/server.js';
import { submitToMaster } from '../../shared/instances/submit-to-master.js';
import { batonProto } from '../../shared/proto/load.js';
import { ServiceRuntime } from '../../shared/service-runtime.js';
import { CoordinatorClient } from '../../shared/serial/coordinator-client.js';
import { SerialKeys } from '../../shared/serial/serial-keys.js';
import { ClaimStore } from './claim-store.js';
import { ClusterView } from './cluster-view.js';
import { DefinitionCache } from './definition-cache.js';
import { masterEnvSchema } from './env.js';
import { masterHandlers } from './handlers.js';
import { registerMasterMetrics } from './metrics.js';
import { InstanceStore } from './instance-store.js';
import { notifyParent } from './notify-parent.js';
import { OwnedInstances } from './owned-instances.js';
import { Reconciler } from './reconciler.js';
import { Scheduler } from './scheduler.js';
import { LeaderElection } from '../../shared/etcd/leader-election.js';
import type { RunDeps } from './run-deps.js';
import { SerialGate } from './serial-gate.js';
import { SlotWatch } from './slot-watch.js';
import { peerBindOptions } from '../../shared/tls/peer-authorizer.js';
import { MASTER_PEERS } from '../../shared/tls/peer-rules.js';

/** The master: owns workflow instances and runs their DAGs. Wiring only. */
async function main(): Promise<void> {
  const env = parseEnv(masterEnvSchema);
  const runtime = await ServiceRuntime.create({ role: 'master', env });
  const { log, etcd, keys, channels } = runtime;
  const db = connectDb(resolveMysqlUrl(env), { poolSize: env.MYSQL_POOL_SIZE });
  await migrateToLatest(db);
  const masters = await MemberDirectory.open(etcd, keys, 'master', log);
  const workers = await MemberDirectory.open(etcd, keys, 'worker', log);
  const cluster = new ClusterView(masters, workers, channels);
  const store = new InstanceStore(db, runtime.name, () => runtime.lease.assertFresh());
  const definitions = new DefinitionCache(db);
  const stopDeps = { db, etcd, keys, masters, channels, log };
  const serialKeys = new SerialKeys(env.ETCD_PREFIX);
  const coordinatorClient = await CoordinatorClient.open(runtime);

  const makeDeps = (owned: OwnedInstances): RunDeps => ({
    self: { name: runtime.name, address: runtime.address },
    store,
    cluster,
    definitions,
    etcd,
    keys,
    stopDeps,
    serial,
    log,
    submitChild: (childId, workflow) =>
      void racePoint('master.before-submit-child', childId, workflow).then(() =>
        submitToMaster(masters, channels, childId, log),
      ),
    ended: (instanceId, epoch, parentId) => {
      owned.ended(instanceId, epoch);
      if (parentId !== null) void notifyParent(runtime, cluster, parentId, instanceId);
    },
    dropped: (instanceId, epoch, release) => {
      // A reset run (not a lost one) is still ours in MySQL: a pass after the release of its
      // owner key (so the release cannot undo the re-claim) takes it back.
      void owned.forget(instanceId, epoch, release).then(() => {
        if (release) reconciler.scanForOrphans(false);
      });
    },
  });
  // Runs are only made at adoption, once everything below exists.
  const claims = new ClaimStore(db, runtime.name, () => runtime.lease.assertFresh());
  const owned = new OwnedInstances(runtime, store, claims, definitions, makeDeps);
  registerMasterMetrics(() => owned.all().map((run) => run.currentState));
  const slotWatch = new SlotWatch(
    etcd,
    serialKeys,
    env.SERIAL_SHARDS,
    (id, decision) => owned.get(id)?.onSerialDecision(decision),
    log,
  );
  const serial = new SerialGate(coordinatorClient, slotWatch, runtime.name, log);
  const reconciler = new Reconciler(
    runtime,
    db,
    owned,
    masters,
    env.RECONCILE_INTERVAL_MS,
    env.SUBMIT_GRACE_MS,
  );

  const masterService = batonProto().Master.service;
  const access = peerBindOptions(runtime.tls !== undefined, masterService, MASTER_PEERS);
  await runtime.serve([bindService(masterService, masterHandlers(owned, db), log, access)]);

  // A master leaving means its instances need new owners now, not at the next interval.
  masters.on('removed', (m) => {
    log.info({ master: m.name }, 'master left; adopting its instances');
    reconciler.failover(m.name);
  });
  workers.on('removed', (w) => {
    // A test can make the removal of one incarnation (scope: its startedAt) be seen late.
    void racePoint('master.before-worker-gone', w.name, w.startedAt).then(() => {
      for (const run of owned.all()) run.onWorkerGone(w);
    });
  });
  workers.on('added', () => reconciler.trigger());
  runtime.on('leaseLost', () => owned.dropAll());
  // Everything dropped with the lost lease is still ours in MySQL: take back what nobody took.
  runtime.on('rejoined', () => reconciler.scanForOrphans(true));
  reconciler.start();
  const election = new LeaderElection(runtime, keys.schedulerLeader());
  const scheduler = new Scheduler(
    runtime,
    db,
    election,
    (id) => void submitToMaster(masters, channels, id, log),
  );
  await scheduler.start();
  await election.start();

  runtime.lifecycle.addStep('stop reconciler', () => reconciler.stop());
  runtime.lifecycle.addStep('resign scheduling', async () => {
    await scheduler.stop();
    await election.stop();
  });
  runtime.lifecycle.addStep('hand over instances', () => {
    // Revoking the lease (next step) deletes every owner key at once, so survivors adopt
    // these instances immediately instead of after the lease TTL.
    owned.dropAll();
    return Promise.resolve();
  });
  runtime.lifecycle.addStep('close watches', async () => {
    await slotWatch.close();
    await coordinatorClient.close();
    await masters.close();
    await workers.close();
  });
  runtime.finishShutdownSteps();
  runtime.lifecycle.addStep('close database', () => db.destroy());
  runtime.lifecycle.installSignalHandlers();
}

main().catch((err: unknown) => {
  process.stderr.write(
    `master failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
