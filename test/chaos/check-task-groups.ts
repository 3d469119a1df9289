/**
 * Task groups (issue 15). T1: at no moment did more tasks of the pool run (from the record)
 * than it had slots; a run counts against the size in force when it was admitted, so tasks
 * running when the pool shrank may finish (resizes are recorded when asked for, and a run is
 * allowed the largest size in force in the ADMIT_SLACK_MS before its start: admission comes
 * before the process starts). T2: nothing waits for ever and no slot leaks: after the settle
 * no attempt is still WAITING_GROUP and the pool has no holder and no waiter.
 */
import type { TaskRecord } from './history.js';
import { clock, type ClosedRun, type Violation } from './evidence.js';
import type { PoolAfter, PoolSize } from './task-groups.js';

/** Admission → the task's first instruction: dispatch to a worker and a process start. */
export const ADMIT_SLACK_MS = 2_000;

export function checkTaskGroups(
  grouped: readonly ClosedRun[],
  sizes: readonly PoolSize[],
  tasks: readonly TaskRecord[],
  after: PoolAfter | undefined,
): Violation[] {
  const violations: Violation[] = [];
  if (sizes.length > 0) {
    const edges = grouped.flatMap((r) => [
      { at: r.start, run: r, d: 1 },
      { at: r.end, run: r, d: -1 },
    ]);
    edges.sort((a, b) => a.at - b.at || a.d - b.d);
    const active = new Set<ClosedRun>();
    for (const e of edges) {
      if (e.d < 0) {
        active.delete(e.run);
        continue;
      }
      active.add(e.run);
      const allowed = Math.max(...[...active].map((r) => sizeBound(sizes, r.start)));
      if (active.size > allowed)
        violations.push({
          invariant: 'T1',
          message: `${active.size} tasks of the pool ran at ${clock(e.at)} with at most ${allowed} slots: ${[...active].map((r) => `${r.instance}/${r.task}#${r.attempt}`).join(', ')}`,
        });
    }
  }
  for (const t of tasks.filter((x) => x.state === 'WAITING_GROUP'))
    violations.push({
      invariant: 'T2',
      message: `instance ${t.instanceId} task ${t.task}#${t.attempt} still WAITING_GROUP after the settle`,
    });
  if (after !== undefined && (after.holders.length > 0 || after.waiting > 0))
    violations.push({
      invariant: 'T2',
      message: `after the settle the pool still has holders [${after.holders.join(', ')}] and ${after.waiting} waiting`,
    });
  return violations;
}

/** The largest size in force at some time in [at − ADMIT_SLACK_MS, at]. */
export function sizeBound(sizes: readonly PoolSize[], at: number): number {
  const from = at - ADMIT_SLACK_MS;
  let inForce = sizes[0]?.size ?? 0;
  let bound = 0;
  for (const s of sizes) {
    if (s.at > at) break;
    if (s.at <= from) inForce = s.size;
    else bound = Math.max(bound, s.size);
  }
  return Math.max(bound, inForce);
}
