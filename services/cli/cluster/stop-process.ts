import { setTimeout as delay } from 'node:timers/promises';
import { isAlive } from './process-check.js';

const POLL_MS = 100;
/** After SIGKILL a process is gone within moments; waiting longer means something is wrong. */
const AFTER_KILL_MS = 10_000;

export interface StopOutcome {
  /** False when it had already ended. */
  wasRunning: boolean;
  /** True when it outlived the grace period and was sent SIGKILL. */
  forced: boolean;
}

/**
 * Sends SIGTERM (and SIGCONT, in case it was paused) to a process that is not our child, waits
 * until it is gone, and sends SIGKILL when it outlives `graceMs`.
 *
 * @throws Error when it is still there 10 s after SIGKILL
 */
export async function stopProcess(
  pid: number,
  signature: string,
  graceMs: number,
): Promise<StopOutcome> {
  if (!isAlive(pid, signature)) return { wasRunning: false, forced: false };
  signal(pid, 'SIGTERM');
  signal(pid, 'SIGCONT');
  if (await waitUntilGone(pid, signature, graceMs)) return { wasRunning: true, forced: false };
  signal(pid, 'SIGKILL');
  if (await waitUntilGone(pid, signature, AFTER_KILL_MS)) return { wasRunning: true, forced: true };
  throw new Error(`process ${pid} is still running after SIGKILL`);
}

async function waitUntilGone(pid: number, signature: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid, signature)) {
    if (Date.now() >= deadline) return false;
    await delay(POLL_MS);
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone between the check and the signal.
  }
}
