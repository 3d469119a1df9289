/**
 * P1, the pause half of C1 (shared/DESIGN.md, issue 14): nothing starts in a PAUSE or
 * READY_PAUSE instance after the pause committed. Tasks that were already running when it
 * committed finish (a pause kills nothing), so their runs are excused.
 */
import { attemptKey } from './record.js';
import { clock, describeRun, groupBy, type ClosedRun, type Violation } from './evidence.js';
import type { ChangeRecord } from './history.js';

const PAUSED = ['READY_PAUSE', 'PAUSE'];
/** Task states that mean the attempt was handed to a worker (or its child started). */
const SENT = ['DISPATCHED', 'RUNNING'];

/** One stretch of an instance in READY_PAUSE/PAUSE, from the change that began it. */
export interface PausedSpan {
  instanceId: string;
  from: ChangeRecord;
  /** The change that ended it (resume, stop, end); undefined when it never did. */
  to: ChangeRecord | undefined;
}

/** Every paused stretch of every instance, from its own changes in commit order. */
export function pausedSpans(changes: readonly ChangeRecord[]): PausedSpan[] {
  const spans: PausedSpan[] = [];
  for (const [instanceId, group] of groupBy(
    changes.filter((c) => c.task === null),
    (c) => c.instanceId,
  )) {
    let open: PausedSpan | undefined;
    for (const c of [...group].sort((a, b) => a.id - b.id)) {
      const paused = PAUSED.includes(c.toState);
      if (paused && open === undefined) {
        open = { instanceId, from: c, to: undefined };
        spans.push(open);
      } else if (!paused && open !== undefined) {
        open.to = c;
        open = undefined;
      }
    }
  }
  return spans;
}

/**
 * P1, two ways, for every paused stretch (from the change to READY_PAUSE or PAUSE until the
 * change out of them):
 * - in MySQL: no attempt of the instance was sent to a worker (or, for a sub-workflow, started)
 *   by a change committed inside the stretch — commit order (`state_changes.id`), as one owner
 *   writes one instance's changes one after the other;
 * - in the record: no run of the instance started inside the stretch's time, unless its
 *   attempt had been sent before the pause committed (it was running, or on its way).
 * The second compares the record's clock with MariaDB's NOW(6), which is the statement's start,
 * a little before its commit: both are this machine's clock. A task sent after the resume
 * starts after the resume's statement did, so the stretch's end needs no slack; a task that
 * started after the pause's statement began but was sent before it is excused by commit
 * order, not by time, so its start needs none either.
 */
export function checkNothingStartsPaused(
  runs: readonly ClosedRun[],
  changes: readonly ChangeRecord[],
): Violation[] {
  const violations: Violation[] = [];
  const taskChanges = groupBy(
    changes.filter((c) => c.task !== null),
    (c) => c.instanceId,
  );
  const runsOf = groupBy(runs, (r) => r.instance);
  for (const span of pausedSpans(changes)) {
    const { instanceId, from, to } = span;
    const until = to === undefined ? 'never resumed' : `until ${to.toState} ${clock(to.at)}`;
    const during = `paused ${clock(from.at)} (${from.toState}) ${until}`;
    const mine = taskChanges.get(instanceId) ?? [];
    const sentBefore = new Set(
      mine
        .filter((c) => c.id < from.id && SENT.includes(c.toState))
        .map((c) => attemptKey({ instance: instanceId, task: c.task!, attempt: c.attempt ?? 0 })),
    );
    const reported = new Set<string>();
    for (const c of mine) {
      if (c.id <= from.id || (to !== undefined && c.id >= to.id)) continue;
      if (!SENT.includes(c.toState) || (c.fromState !== null && c.fromState !== 'SUBMITTED'))
        continue;
      const key = attemptKey({ instance: instanceId, task: c.task!, attempt: c.attempt ?? 0 });
      if (sentBefore.has(key) || reported.has(key)) continue;
      reported.add(key);
      violations.push({
        invariant: 'P1',
        message: `instance ${instanceId}: task ${c.task}#${c.attempt ?? '?'} went ${c.toState} at ${clock(c.at)} by ${c.actor}, ${during}`,
      });
    }
    for (const run of runsOf.get(instanceId) ?? []) {
      if (run.start < from.at || (to !== undefined && run.start >= to.at)) continue;
      const key = attemptKey(run);
      if (sentBefore.has(key) || reported.has(key)) continue;
      reported.add(key);
      violations.push({
        invariant: 'P1',
        message: `instance ${instanceId}: ${describeRun(run)} started while ${during}, and was not sent before the pause`,
      });
    }
  }
  return violations;
}
