import { parseEnv } from '../../shared/config/common-env.js';
import { UnavailableError } from '../../shared/errors.js';
import { readOwnership } from '../../shared/etcd/ownership.js';
import { bindService } from '../../shared/grpc/server.js';
import { batonProto } from '../../shared/proto/load.js';
import { ServiceRuntime } from '../../shared/service-runtime.js';
import { workerEnvSchema } from './env.js';
import { finishRunningTasks } from './finish-running-tasks.js';
import { workerHandlers } from './handlers.js';
import { ResultOutbox } from './result-outbox.js';
import { TaskRegistry } from './task-entry.js';
import { prepareTaskSandbox } from './task-sandbox.js';
import { peerBindOptions } from '../../shared/tls/peer-authorizer.js';
import { WORKER_PEERS } from '../../shared/tls/peer-rules.js';

/** The worker: runs SHELL tasks pushed by masters and reports their results to the owner. */
async function main(): Promise<void> {
  const env = parseEnv(workerEnvSchema);
  // Before registering: a worker that would run tasks as root, or cannot set up their
  // directories, must not start at all.
  const sandbox = await prepareTaskSandbox(env, process.geteuid?.() ?? -1);
  const registry = new TaskRegistry();
  const runtime = await ServiceRuntime.create({ role: 'worker', env, group: env.WORKER_GROUP });
  if (sandbox.unreachableWorkRoot !== undefined) {
    runtime.log.warn(
      { task_user: sandbox.runAs?.label, unreachable: sandbox.unreachableWorkRoot },
      `TASK_USER cannot enter the data dir; task working directories go under ${sandbox.workRoot} (set TASK_WORK_DIR to choose)`,
    );
  }
  const outbox = new ResultOutbox(runtime, registry);
  const handlers = workerHandlers({
    env,
    sandbox,
    registry,
    outbox,
    isDraining: () => runtime.lifecycle.draining,
    incarnation: () => runtime.incarnation,
    ownerEpoch: async (instanceId) => {
      try {
        return (await readOwnership(runtime.etcd, runtime.keys, instanceId))?.epoch;
      } catch (err) {
        // Not a refusal: the master retries the dispatch once etcd answers again.
        throw new UnavailableError('cannot read the instance owner from etcd', { cause: err });
      }
    },
  });
  // Draining, it still answers (health, take-overs, kills) and refuses new tasks until its own
  // have finished or been handed back and their results delivered; only then the lease goes.
  const workerService = batonProto().Worker.service;
  const access = peerBindOptions(runtime.tls !== undefined, workerService, WORKER_PEERS);
  await runtime.serve([bindService(workerService, handlers, runtime.log, access)], {
    serveWhileDraining: true,
  });
  runtime.lifecycle.addStep('finish running tasks', () =>
    finishRunningTasks(registry, outbox, env.SHUTDOWN_GRACE_MS, env.TASK_KILL_GRACE_MS),
  );
  // A worker whose lease is gone has been given up on: its masters retry its tasks elsewhere.
  // Kill its own copies at once, so a task never runs twice side by side; their late results
  // are refused (the attempts ended NEED_FAULT_TOLERANCE) and dropped.
  runtime.on('leaseLost', (reason) => {
    for (const entry of registry.all()) {
      if (entry.outcome === undefined) entry.process.kill(`worker lost its lease: ${reason}`, true);
    }
  });
  runtime.finishShutdownSteps();
  runtime.lifecycle.installSignalHandlers();
}

main().catch((err: unknown) => {
  process.stderr.write(
    `worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
