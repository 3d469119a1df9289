/**
 * C1 (shared/DESIGN.md, issue 14), the "once" half: a repaired instance runs each task attempt
 * once and in its own round, never re-runs what succeeded, and each control is carried out at
 * most once, by a call that asked for it. (The pause half is P1, check-pause.ts.)
 *
 * ONCE (check-once.ts) already finds an attempt that ran twice: attempts are numbered per task
 * across rounds (`uq_task_attempt` is (instance, task, attempt), and a recover's attempts go on
 * from the last), so (instance, task, attempt) names one attempt of one round. What a round adds
 * is when an attempt may run: only between the reopen that began its round and the next one.
 */
import { clock, describeRun, groupBy, type ClosedRun, type Violation } from './evidence.js';
import type { ControlCall } from './controls.js';
import type { ChangeRecord, InstanceRecord, TaskRecord } from './history.js';
import { attemptKey } from './record.js';

/** An instance change that carried an ended instance on in place, opening a new round. */
export function isReopen(c: ChangeRecord): boolean {
  return (
    c.task === null &&
    c.toState === 'SUBMITTED' &&
    (c.fromState === 'FAILURE' || c.fromState === 'STOP')
  );
}

/** Each instance's reopens in commit order: the k-th (from 0) opened round k + 1. */
export function reopensOf(changes: readonly ChangeRecord[]): Map<string, ChangeRecord[]> {
  const out = new Map<string, ChangeRecord[]>();
  for (const c of [...changes].sort((a, b) => a.id - b.id)) {
    if (!isReopen(c)) continue;
    const list = out.get(c.instanceId) ?? [];
    list.push(c);
    out.set(c.instanceId, list);
  }
  return out;
}

const SUCCEEDED = ['SUCCESS', 'FORCED_SUCCESS'];
/** Answers that say the control was refused and nothing was written. */
const REFUSED = ['FailedPreconditionError', 'NotFoundError', 'InvalidArgumentError'];

/**
 * C1, four ways (runs of instances MySQL does not know are F3's):
 * - every run is of an attempt MySQL made (a row in task_instances);
 * - a run of an attempt of round r started after the reopen that began round r, and before
 *   the one that began round r + 1 (an old attempt started again after a recover is a second
 *   execution of a task the round had given up);
 * - no task whose attempt ended SUCCESS or FORCED_SUCCESS in round r ran in a later round
 *   (recover and resume re-run only what failed or was killed; the workload never recovers
 *   `--from`);
 * - each reopen of a root instance and each FORCED_SUCCESS happened during a recover/resume
 *   (force-success) call on it that was not refused, and no call accounts for two: a control
 *   is carried out at most once. A call with no answer (a deadline) may have committed later.
 *   The runner's clock and MariaDB's NOW(6) are one machine's clock, and the change is made
 *   between the call's send and its answer, so the windows need no slack.
 */
export function checkControlsOnce(
  runs: readonly ClosedRun[],
  instances: readonly InstanceRecord[],
  tasks: readonly TaskRecord[],
  changes: readonly ChangeRecord[],
  calls: readonly ControlCall[],
): Violation[] {
  const violations: Violation[] = [];
  const known = new Map(instances.map((i) => [i.id, i]));
  const rowOf = new Map(tasks.map((t) => [attemptKey({ ...t, instance: t.instanceId }), t]));
  const reopens = reopensOf(changes);
  const succeededIn = new Map<string, number>();
  for (const t of tasks) {
    if (!SUCCEEDED.includes(t.state)) continue;
    const key = `${t.instanceId} ${t.task}`;
    succeededIn.set(key, Math.min(succeededIn.get(key) ?? t.round, t.round));
  }
  for (const run of runs) {
    if (!known.has(run.instance)) continue;
    const row = rowOf.get(attemptKey(run));
    if (row === undefined) {
      violations.push({
        invariant: 'C1',
        message: `instance ${run.instance}: ${describeRun(run)} ran, but MySQL has no such attempt`,
      });
      continue;
    }
    const opened = reopens.get(run.instance) ?? [];
    const from = row.round === 0 ? undefined : opened[row.round - 1];
    const next = opened[row.round];
    if (row.round > 0 && (from === undefined || run.start < from.at)) {
      const when = from === undefined ? 'that was never opened' : `opened ${clock(from.at)}`;
      violations.push({
        invariant: 'C1',
        message: `instance ${run.instance}: ${describeRun(run)} of round ${row.round} started before its round (${when})`,
      });
    }
    if (next !== undefined && run.start >= next.at) {
      violations.push({
        invariant: 'C1',
        message: `instance ${run.instance}: ${describeRun(run)} of round ${row.round} started after round ${row.round + 1} was opened ${clock(next.at)}`,
      });
    }
    const success = succeededIn.get(`${run.instance} ${run.task}`);
    if (success !== undefined && row.round > success) {
      violations.push({
        invariant: 'C1',
        message: `instance ${run.instance}: ${describeRun(run)} ran in round ${row.round}, though task ${run.task} succeeded in round ${success}`,
      });
    }
  }
  violations.push(...controlsCarriedOutOnce(known, changes, calls));
  return violations;
}

/** The last two ways of C1: every reopen and forced success matched to its own call. */
function controlsCarriedOutOnce(
  known: ReadonlyMap<string, InstanceRecord>,
  changes: readonly ChangeRecord[],
  calls: readonly ControlCall[],
): Violation[] {
  const violations: Violation[] = [];
  const acted = calls.filter((c) => !REFUSED.includes(c.outcome));
  const used = new Set<ControlCall>();
  const sorted = [...changes].sort((a, b) => a.at - b.at || a.id - b.id);
  for (const c of sorted) {
    const forced = c.task !== null && c.toState === 'FORCED_SUCCESS';
    // A backfill's instances are carried on by its resume (B1 checks those), not by a call here.
    const root = known.get(c.instanceId);
    const reopen = isReopen(c) && root?.parentId === null && root.backfillId === null;
    if (!forced && !reopen) continue;
    // Of the calls in flight at the change, the one whose window closes first (an optimal
    // matching of points to intervals).
    const call = acted
      .filter(
        (k) =>
          !used.has(k) &&
          k.instance === c.instanceId &&
          (forced
            ? k.op === 'force-success' && k.task === c.task
            : k.op === 'recover' || k.op === 'resume') &&
          k.sentAt <= c.at &&
          (k.outcome !== 'OK' || c.at <= k.at),
      )
      .sort((a, b) => windowEnd(a) - windowEnd(b))[0];
    if (call !== undefined) {
      used.add(call);
      continue;
    }
    const what = forced
      ? `task ${c.task}#${c.attempt ?? '?'} FORCED_SUCCESS`
      : `${c.fromState}→SUBMITTED (a new round)`;
    violations.push({
      invariant: 'C1',
      message: `instance ${c.instanceId}: ${what} at ${clock(c.at)} by ${c.actor}, but no ${forced ? 'force-success' : 'recover or resume'} call left to account for it (${describeCalls(calls, c.instanceId)})`,
    });
  }
  return violations;
}

function windowEnd(call: ControlCall): number {
  return call.outcome === 'OK' ? call.at : Number.POSITIVE_INFINITY;
}

function describeCalls(calls: readonly ControlCall[], instance: string): string {
  const mine = groupBy(calls, (c) => c.instance).get(instance) ?? [];
  if (mine.length === 0) return 'none was made';
  return mine
    .map(
      (c) =>
        `${c.op}${c.task === null ? '' : ` ${c.task}`} ${clock(c.sentAt)}–${clock(c.at)} ${c.outcome}`,
    )
    .join('; ');
}
