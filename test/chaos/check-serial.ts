/** The serial invariants, S1–S3 (shared/DESIGN.md), checked on the record and MySQL's history. */
import {
  clock,
  compareIds,
  describeRun,
  groupBy,
  OPEN_STATES,
  type ClosedRun,
  type Violation,
} from './evidence.js';
import type { ChangeRecord, InstanceRecord, TaskRecord } from './history.js';
import { attemptKey } from './record.js';

/**
 * S1 mutual exclusion: for each serial definition, no task run of one instance overlaps a task
 * run of another instance of it (runs of one instance may overlap: its tasks can be parallel).
 * Runs of instances MySQL does not know are not judged here (F3 reports those).
 */
export function checkMutualExclusion(
  runs: readonly ClosedRun[],
  instances: readonly InstanceRecord[],
): Violation[] {
  const typeOf = new Map(instances.map((i) => [i.id, i.executionType]));
  const serialRuns = runs.filter((r) => {
    const type = typeOf.get(r.instance);
    return type !== undefined && type !== 'PARALLEL';
  });
  const violations: Violation[] = [];
  for (const [workflow, group] of groupBy(serialRuns, (r) => r.workflow)) {
    const active: ClosedRun[] = [];
    for (const run of [...group].sort((a, b) => a.start - b.start)) {
      for (let i = active.length - 1; i >= 0; i -= 1) {
        if (active[i]!.end <= run.start) active.splice(i, 1);
      }
      for (const other of active) {
        if (other.instance === run.instance) continue;
        violations.push({
          invariant: 'S1',
          message:
            `${workflow}: instance ${run.instance} (${describeRun(run)}) started while instance ` +
            `${other.instance} (${describeRun(other)}) still ran, overlapping ${Math.min(other.end, run.end) - run.start} ms`,
        });
      }
      active.push(run);
    }
  }
  return violations;
}

/** S2 liveness: after the settle time no instance of a serial definition waits or runs. */
export function checkSerialLiveness(instances: readonly InstanceRecord[]): Violation[] {
  return instances
    .filter((i) => i.executionType !== 'PARALLEL' && OPEN_STATES.includes(i.state))
    .map((i) => ({
      invariant: 'S2' as const,
      message: `instance ${i.id} (${i.workflow}, ${i.executionType}) is still ${i.state}, submitted ${clock(i.createdAt)}`,
    }));
}

/**
 * S3 order: the instances of a SERIAL_WAIT definition that ran began in increasing id
 * (= submission) order, judged by the first recorded start of each. SERIAL_DISCARD and
 * SERIAL_PRIORITY promise no order. One exception is by design: the coordinator holds the queue
 * head back for an earlier instance that is not queued yet (still SUBMITTED) only for
 * SERIAL_GAP_WAIT_MS after that instance's creation; after that, liveness wins over order.
 * So overtaking B is excused when B was still SUBMITTED when the overtaker began RUNNING, and
 * that was at least `gapWaitMs` after B was created.
 * Only round 0 is judged here, the runs of the attempts the instance made before any recover
 * or resume from STOP (by `tasks`; a run MySQL has no attempt for counts as round 0): a later
 * round queues again when it is carried on, not when it was submitted, and an instance whose
 * first run came only after a resume would otherwise look like one that overtook everything
 * submitted after it. Later rounds are check-serial-rounds.ts's.
 */
export function checkSerialOrder(
  runs: readonly ClosedRun[],
  instances: readonly InstanceRecord[],
  changes: readonly ChangeRecord[],
  gapWaitMs: number,
  tasks: readonly TaskRecord[] = [],
): Violation[] {
  const byId = new Map(instances.map((i) => [i.id, i]));
  const roundOf = new Map(
    tasks.map((t) => [attemptKey({ ...t, instance: t.instanceId }), t.round]),
  );
  const firstStart = new Map<string, number>();
  for (const run of runs) {
    if (byId.get(run.instance)?.executionType !== 'SERIAL_WAIT') continue;
    if ((roundOf.get(attemptKey(run)) ?? 0) !== 0) continue;
    const seen = firstStart.get(run.instance);
    if (seen === undefined || run.start < seen) firstStart.set(run.instance, run.start);
  }
  const runningAt = firstChange(changes, (c) => c.toState === 'RUNNING');
  const queuedAt = firstChange(changes, (c) => c.fromState === 'SUBMITTED');
  const excused = (overtaker: string, overtaken: InstanceRecord): boolean => {
    const admitted = runningAt.get(overtaker);
    if (admitted === undefined) return false;
    const queued = queuedAt.get(overtaken.id);
    const stillSubmitted = queued === undefined || queued > admitted;
    return stillSubmitted && admitted - overtaken.createdAt >= gapWaitMs;
  };

  const violations: Violation[] = [];
  const ran = [...firstStart.keys()].map((id) => byId.get(id)!);
  for (const [workflow, group] of groupBy(ran, (i) => i.workflow)) {
    const inStartOrder = [...group].sort((a, b) => firstStart.get(a.id)! - firstStart.get(b.id)!);
    for (let j = 1; j < inStartOrder.length; j += 1) {
      const overtaken = inStartOrder[j]!;
      // The earliest-starting instance with a higher id than this one, if any.
      const overtaker = inStartOrder
        .slice(0, j)
        .find((a) => compareIds(a.id, overtaken.id) > 0 && !excused(a.id, overtaken));
      if (overtaker === undefined) continue;
      violations.push({
        invariant: 'S3',
        message:
          `${workflow}: instance ${overtaker.id} started ${clock(firstStart.get(overtaker.id)!)}, before the ` +
          `earlier-submitted instance ${overtaken.id} (started ${clock(firstStart.get(overtaken.id)!)})`,
      });
    }
  }
  return violations;
}

/** The time of each instance's first own (not task) change matching `match`. */
function firstChange(
  changes: readonly ChangeRecord[],
  match: (c: ChangeRecord) => boolean,
): Map<string, number> {
  const first = new Map<string, number>();
  for (const c of changes) {
    if (c.task !== null || c.fromState === c.toState || !match(c)) continue;
    if (!first.has(c.instanceId)) first.set(c.instanceId, c.at);
  }
  return first;
}
