import { mkdirSync } from 'node:fs';
import { parseEnv } from '../../shared/config/common-env.js';
import { bindService } from '../../shared/grpc/server.js';
import { batonProto } from '../../shared/proto/load.js';
import { ServiceRuntime } from '../../shared/service-runtime.js';
import { workerEnvSchema } from './env.js';
import { workerHandlers } from './handlers.js';
import { ResultOutbox } from './result-outbox.js';
import { TaskRegistry } from './task-entry.js';

/** The worker: runs SHELL tasks pushed by masters and reports their results to the owner. */
async function main(): Promise<void> {
  const env = parseEnv(workerEnvSchema);
  mkdirSync(env.WORKER_DATA_DIR, { recursive: true });
  const registry = new TaskRegistry();
  const runtime = await ServiceRuntime.create({ role: 'worker', env, group: env.WORKER_GROUP });
  const outbox = new ResultOutbox(runtime, registry);
  const handlers = workerHandlers({
    env,
    registry,
    outbox,
    isDraining: () => runtime.lifecycle.draining,
  });
  await runtime.serve([bindService(batonProto().Worker.service, handlers, runtime.log)]);
  runtime.lifecycle.addStep('finish running tasks', async () => {
    const running = registry.all().filter((e) => e.outcome === undefined);
    const deadline = Date.now() + env.SHUTDOWN_GRACE_MS;
    for (const entry of running) {
      const left = deadline - Date.now();
      const ended = await Promise.race([
        entry.process.done.then(() => true),
        sleep(left).then(() => false),
      ]);
      if (!ended) entry.process.kill('worker shutting down');
    }
    await outbox.drain(Math.max(1_000, deadline - Date.now()));
  });
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
