/**
 * The master: owns workflow instances and runs their DAGs. Wiring only.
 *
 * How events flow (one way each; nothing reaches a value made after it):
 * - A start (api push, scheduler, child submission) → `OwnedInstances.adopt` claims the
 *   instance and makes its `InstanceRun` with the run ports built here (store, workers, serial
 *   gate, children, clock, `RunEvents`).
 * - A run publishes `ended` / `dropped` on `RunEvents`. `OwnedInstances` listens and releases
 *   ownership; on `ended` of a child this file notifies the parent's owner; when a reset run's
 *   key is released `OwnedInstances` emits `reset` and the reconciler re-scans for it.
 * - The slot watch emits `decision`; this file routes it to the owned run, if any.
 * - Masters leaving → reconciler failover; workers leaving → every run's `onWorkerGone`.
 */
import { racePoint } from '../../shared/race-points.js';
import { parseEnv } from '../../shared/config/common-env.js';
import { connectDb } from '../../shared/db/connect.js';
import { resolveMysqlUrl } from '../../shared/config/mysql-url.js';
import { migrateToLatest } from '../../shared/db/migrate.js';
import { MemberDirectory } from '../../shared/etcd/member-directory.js';
import { bindService } from '../../shared/grpc/server.js';
import { requestStop } from '../../shared/instances/request-stop.js';
import { reopenChild } from '../../shared/instances/reopen-instance.js';
import { pauseChild } from '../../shared/instances/request-pause.js';
import { submitToMaster } from '../../shared/instances/submit-to-master.js';
import { batonProto } from '../../shared/proto/load.js';
import { ServiceRuntime } from '../../shared/service-runtime.js';
import { CoordinatorClient } from '../../shared/serial/coordinator-client.js';
import { SerialKeys } from '../../shared/serial/serial-keys.js';
import { LeaderElection } from '../../shared/etcd/leader-election.js';
import { peerBindOptions } from '../../shared/tls/peer-authorizer.js';
import { MASTER_PEERS } from '../../shared/tls/peer-rules.js';
import { AlertSender } from './alerts/alert-sender.js';
import { postWebhook } from './alerts/webhook-post.js';
import { BackfillDriver } from './backfill/backfill-driver.js';
import { BackfillStore } from './store/backfill-store.js';
import { ClusterView } from './cluster-view.js';
import { masterEnvSchema } from './env.js';
import { masterHandlers } from './handlers.js';
import { registerMasterMetrics } from './metrics.js';
import { notifyParent } from './notify-parent.js';
import { OwnedInstances } from './ownership/owned-instances.js';
import { Reconciler } from './ownership/reconciler.js';
import { RunEvents } from './run/run-events.js';
import { systemClock, type RunPorts } from './run/run-ports.js';
import { Scheduler } from './scheduler.js';
import { TaskGroupGate } from './task-groups/task-group-gate.js';
import { SerialGate } from './serial/serial-gate.js';
import { SlotWatch } from './serial/slot-watch.js';
import { AlertOutboxStore } from './store/alert-outbox-store.js';
import { ClaimStore } from './store/claim-store.js';
import { DefinitionCache } from './store/definition-cache.js';
import { InstanceQueries } from './store/instance-queries.js';
import { LogicLookups } from './store/logic-lookups.js';
import { InstanceStore } from './store/instance-store.js';
import { ScheduleStore } from './store/schedule-store.js';

async function main(): Promise<void> {
  const env = parseEnv(masterEnvSchema);
  const runtime = await ServiceRuntime.create({ role: 'master', env });
  const { log, etcd, keys, channels } = runtime;
  const db = connectDb(resolveMysqlUrl(env), { poolSize: env.MYSQL_POOL_SIZE });
  await migrateToLatest(db);
  const masters = await MemberDirectory.open(etcd, keys, 'master', log);
  const workers = await MemberDirectory.open(etcd, keys, 'worker', log);
  const cluster = new ClusterView(masters, workers, channels);
  const assertLive = (): void => runtime.lease.assertFresh();
  const store = new InstanceStore(db, runtime.name, assertLive);
  const claims = new ClaimStore(db, runtime.name, assertLive);
  const queries = new InstanceQueries(db);
  const definitions = new DefinitionCache(db);
  const stopDeps = { db, etcd, keys, masters, channels, log };
  const coordinatorClient = await CoordinatorClient.open(runtime);
  const slotWatch = new SlotWatch(etcd, new SerialKeys(env.ETCD_PREFIX), env.SERIAL_SHARDS, log);
  const events = new RunEvents();
  const ports: RunPorts = {
    // The address is known once serving; runs are only made at adoption, after that.
    self: {
      name: runtime.name,
      get address() {
        return runtime.address;
      },
    },
    store,
    lookups: new LogicLookups(db),
    workers: cluster,
    serial: new SerialGate(coordinatorClient, slotWatch, runtime.name, log),
    taskGroups: new TaskGroupGate(coordinatorClient, runtime.name, log),
    children: {
      latestDefinition: (workflow) => definitions.latest(workflow),
      submit: (childId, workflow) =>
        void racePoint('master.before-submit-child', childId, workflow).then(() =>
          submitToMaster(masters, channels, childId, log),
        ),
      stop: (childId, reason) => requestStop(stopDeps, childId, reason),
      pause: (childId, paused) => pauseChild(stopDeps, childId, paused),
      recover: async (childId, belowRound, reason) => {
        if (await reopenChild(db, childId, belowRound, { actor: runtime.name, reason }))
          await submitToMaster(masters, channels, childId, log);
      },
    },
    clock: systemClock,
    events,
    log,
  };
  const owned = new OwnedInstances(runtime, store, claims, definitions, ports);
  const reconciler = new Reconciler(
    runtime,
    queries,
    owned,
    masters,
    env.RECONCILE_INTERVAL_MS,
    env.SUBMIT_GRACE_MS,
  );
  events.on('ended', ({ instanceId, parentId, backfillId }) => {
    if (parentId !== null) void notifyParent(runtime, cluster, parentId, instanceId);
    // Wakes the backfill's owner (it watches the key; its sweep covers a lost put).
    if (backfillId)
      void etcd
        .put(keys.backfillsChanged())
        .value(backfillId)
        .exec()
        .catch(() => undefined);
  });
  // A pausing parent waits for its children to pause: tell it at once (its reconciler looks too).
  events.on('paused', ({ instanceId, parentId }) => {
    if (parentId !== null) void notifyParent(runtime, cluster, parentId, instanceId);
  });
  owned.on('reset', () => reconciler.scanForOrphans(false));
  slotWatch.on('decision', (id, decision) => owned.get(id)?.onSerialDecision(decision));
  registerMasterMetrics(() => owned.all().map((run) => run.currentState));

  const masterService = batonProto().Master.service;
  const access = peerBindOptions(runtime.tls !== undefined, masterService, MASTER_PEERS);
  await runtime.serve([bindService(masterService, masterHandlers(owned, queries), log, access)]);

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
    new ScheduleStore(db),
    election,
    (id) => void submitToMaster(masters, channels, id, log),
  );
  const backfills = new BackfillDriver(
    runtime,
    new BackfillStore(db, runtime.name, assertLive),
    election,
    (id) => void submitToMaster(masters, channels, id, log),
    env.RECONCILE_INTERVAL_MS,
  );
  await scheduler.start();
  await backfills.start();
  await election.start();
  // Every master sends alerts: the outbox's claims share the work and survive any one master.
  const alerts = new AlertSender(
    new AlertOutboxStore(db, runtime.name),
    postWebhook,
    {
      policy: { allowedHosts: env.ALERT_ALLOWED_HOSTS },
      pollIntervalMs: env.ALERT_POLL_INTERVAL_MS,
      retryInitialMs: env.ALERT_RETRY_INITIAL_MS,
      retryMaxMs: env.ALERT_RETRY_MAX_MS,
      timeoutMs: env.ALERT_TIMEOUT_MS,
      leaseMs: env.ALERT_LEASE_MS,
      giveUpAfterMs: env.ALERT_GIVE_UP_AFTER_MS,
    },
    log.child({ component: 'alerts' }),
  );
  alerts.start();

  runtime.lifecycle.addStep('stop reconciler', () => reconciler.stop());
  runtime.lifecycle.addStep('stop alert sender', () => alerts.stop());
  runtime.lifecycle.addStep('resign scheduling', async () => {
    await scheduler.stop();
    await backfills.stop();
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
