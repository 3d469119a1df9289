import type { ResultOutbox } from './result-outbox.js';
import type { TaskEntry, TaskRegistry } from './task-entry.js';

/** How long killed tasks get to end after SIGTERM, at most, before they are sent SIGKILL. */
const TERM_WAIT_MS = 2_000;
/** How long SIGKILLed tasks get to be reaped. */
const KILL_WAIT_MS = 1_000;

/**
 * A draining worker's last work, before it revokes its lease: running tasks may finish within
 * `graceMs`; the rest are killed (SIGTERM, SIGKILL if they linger) and so handed back, since a
 * KILL this master did not ask for is retried elsewhere (task-report.ts); then every result is
 * delivered to its owner. Nothing the worker started still runs when this returns, so once the
 * lease is gone no task can run beside its retry. Stays within `graceMs` + about 4 s, inside
 * the lifecycle's force timer.
 */
export async function finishRunningTasks(
  registry: TaskRegistry,
  outbox: ResultOutbox,
  graceMs: number,
  killGraceMs: number,
): Promise<void> {
  const deadline = Date.now() + graceMs;
  await untilEnded(registry, deadline);
  for (const entry of running(registry)) entry.process.kill('worker shutting down');
  await untilEnded(registry, Date.now() + Math.min(killGraceMs, TERM_WAIT_MS));
  for (const entry of running(registry)) entry.process.kill('worker shutting down', true);
  await untilEnded(registry, Date.now() + KILL_WAIT_MS);
  await outbox.drain(Math.max(1_000, deadline - Date.now()));
}

function running(registry: TaskRegistry): TaskEntry[] {
  return registry.all().filter((e) => e.outcome === undefined);
}

/** Waits until no task runs or `deadline` passes; an entry's outcome is set once it is done. */
async function untilEnded(registry: TaskRegistry, deadline: number): Promise<void> {
  for (let left = running(registry); left.length > 0; left = running(registry)) {
    const ms = deadline - Date.now();
    if (ms <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(left.map((e) => e.process.done)),
      new Promise((resolve) => (timer = setTimeout(resolve, ms))),
    ]);
    clearTimeout(timer);
  }
}
