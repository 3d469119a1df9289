/**
 * Tasks executed twice on a live worker: a worker runs a task attempt once, and a retry or a
 * failover's new attempt starts only once the earlier attempt is gone (its worker was killed,
 * or it was killed on a worker that lost its lease).
 */
import { attemptKey } from './record.js';
import { describeRun, groupBy, type ClosedRun, type Violation } from './evidence.js';

/**
 * ONCE, two ways: no task attempt was started more than once; and no two attempts of one task
 * of one instance ran at the same time. A run's end is what it recorded, or the kill of its
 * worker (see `closeRuns`), so an overlap means the earlier attempt was still running.
 */
export function checkTasksRanOnce(runs: readonly ClosedRun[]): Violation[] {
  const violations: Violation[] = [];
  for (const [key, group] of groupBy(runs, attemptKey)) {
    if (group.length < 2) continue;
    violations.push({
      invariant: 'ONCE',
      message: `instance ${group[0]!.instance} task attempt ${key.split(' ').slice(1).join('#')} ran ${group.length} times: ${group.map(describeRun).join('; ')}`,
    });
  }
  for (const group of groupBy(runs, (r) => `${r.instance} ${r.task}`).values()) {
    const sorted = [...group].sort((a, b) => a.start - b.start);
    for (let i = 0; i < sorted.length; i += 1) {
      for (let j = i + 1; j < sorted.length; j += 1) {
        const earlier = sorted[i]!;
        const later = sorted[j]!;
        if (earlier.attempt === later.attempt || earlier.end <= later.start) continue;
        violations.push({
          invariant: 'ONCE',
          message: `instance ${later.instance}: ${describeRun(later)} started while ${describeRun(earlier)} still ran`,
        });
      }
    }
  }
  return violations;
}
