import { readFileSync } from 'node:fs';

/**
 * Named race points: places where a test can hold a process for a while at the exact step
 * whose interleaving it wants to force (trigger.dev's `waitForRacepoint`, across processes).
 * Off unless `BATON_RACE_FILE` names a JSON file; the test rewrites that file while the
 * cluster runs, e.g. `{"serial.before-terminal-commit": {"scope": "42", "ms": 1500}}` delays
 * that step for instance 42 only. Production never sets the variable: a race point is then one
 * property read.
 */
const file = process.env.BATON_RACE_FILE;

interface RaceDelay {
  /** Only when one of the caller's scopes (its instance id, its workflow name) equals this. */
  scope?: string;
  ms: number;
  /**
   * Block the whole process for `ms` (no timer, no I/O, no keep-alive runs), as a starved or
   * stopped process is, instead of delaying only the caller.
   */
  block?: boolean;
}

/** Holds the caller for the configured time when `name` is set for any of `scopes` (or unscoped). */
export async function racePoint(name: string, ...scopes: string[]): Promise<void> {
  if (file === undefined) return;
  let delays: Record<string, RaceDelay | undefined>;
  try {
    delays = JSON.parse(readFileSync(file, 'utf8')) as Record<string, RaceDelay | undefined>;
  } catch {
    return;
  }
  const delay = delays[name];
  if (delay === undefined || (delay.scope !== undefined && !scopes.includes(delay.scope))) return;
  if (delay.block === true) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delay.ms);
  else await new Promise((resolve) => setTimeout(resolve, delay.ms));
}
