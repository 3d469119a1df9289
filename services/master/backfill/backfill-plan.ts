import type { BackfillState, OnFailure } from '../../../shared/domain/backfill-dates.js';
import { TERMINAL_WORKFLOW_STATES } from '../../../shared/domain/workflow-states.js';

/** A backfill as its owner decides on it. */
export interface BackfillView {
  state: BackfillState;
  /** Fire times (epoch ms) in the order they start. */
  fireTimes: readonly number[];
  parallel: number;
  onFailure: OnFailure;
  /** Instances a resume asked to carry on: their dates count as pending until reopened. */
  rerun: ReadonlySet<string>;
}

/** The instance of a date, by fire time (epoch ms): its id and state. */
export type DateInstances = ReadonlyMap<number, { id: string; state: string }>;

export interface BackfillCounts {
  done: number;
  failed: number;
  running: number;
  pending: number;
}

/** What the owner does next: the dates to start now, the counts, and the end if it ends. */
export interface BackfillStep {
  start: number[];
  counts: BackfillCounts;
  /** Fire times whose instance ended other than SUCCESS, in start order. */
  failedDates: number[];
  end?: { state: 'SUCCESS' | 'FAILED'; reason: string | null };
}

const isTerminal = (state: string) =>
  (TERMINAL_WORKFLOW_STATES as readonly string[]).includes(state);

/**
 * Decides one step of a backfill from its dates' instances. A date is done when its instance
 * ended SUCCESS, failed when it ended otherwise (FAILURE, STOP, a SERIAL_DISCARD), running
 * while it has not ended, pending while it has no instance. A RUNNING backfill starts pending
 * dates in order while fewer than `parallel` run; with `onFailure: stop` a failed date ends it
 * FAILED at once (the running ones finish; nothing new starts). A date whose instance ended
 * FAILURE or STOP and that a resume named (`rerun`) is pending again: starting it reopens its
 * instance in place, so a resume too stays within `parallel`. It ends when nothing is
 * pending or running: SUCCESS if nothing failed, FAILED otherwise. Not RUNNING: nothing starts.
 */
export function planBackfill(view: BackfillView, instances: DateInstances): BackfillStep {
  const counts: BackfillCounts = { done: 0, failed: 0, running: 0, pending: 0 };
  const failedDates: number[] = [];
  const pending: number[] = [];
  for (const at of view.fireTimes) {
    const instance = instances.get(at);
    const carriedOn =
      instance !== undefined && view.rerun.has(instance.id) && isTerminal(instance.state);
    if (instance === undefined || (carriedOn && instance.state !== 'SUCCESS')) {
      counts.pending += 1;
      pending.push(at);
    } else if (!isTerminal(instance.state)) counts.running += 1;
    else if (instance.state === 'SUCCESS') counts.done += 1;
    else {
      counts.failed += 1;
      failedDates.push(at);
    }
  }
  const step: BackfillStep = { start: [], counts, failedDates };
  if (view.state !== 'RUNNING') return step;
  if (view.onFailure === 'stop' && failedDates.length > 0) {
    const first = failedDates[0]!;
    const which = instances.get(first)!;
    step.end = {
      state: 'FAILED',
      reason: `the date ${new Date(first).toISOString()} ended ${which.state} (instance ${which.id}); no new date starts (on-failure stop)`,
    };
    return step;
  }
  step.start = pending.slice(0, Math.max(0, view.parallel - counts.running));
  const moved = step.start.length;
  const after = { ...counts, running: counts.running + moved, pending: counts.pending - moved };
  step.counts = after;
  if (after.pending === 0 && after.running === 0)
    step.end =
      after.failed === 0
        ? { state: 'SUCCESS', reason: null }
        : {
            state: 'FAILED',
            reason: `${after.failed} of ${view.fireTimes.length} dates did not succeed`,
          };
  return step;
}
