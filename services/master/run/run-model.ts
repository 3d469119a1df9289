import type { TaskRow } from '../../../shared/db/schema.js';
import {
  isSuccessTaskState,
  isTaskState,
  type TaskState,
} from '../../../shared/domain/task-states.js';
import type { TaskDefinition } from '../../../shared/domain/workflow-spec.js';
import { InternalError } from '../../../shared/errors.js';
import { parseStoredParams } from '../../../shared/domain/params.js';
import { parseDecision, type TaskDecision } from './task-decision.js';
import type { TaskProgress } from './dag-planner.js';

/**
 * The newest attempt of one task of an owned instance, as the master tracks it in memory.
 * Read-only here: TaskRecords (task-records.ts) is the one place that changes it, always after
 * the matching fenced write.
 */
export interface TaskRun {
  readonly def: TaskDefinition;
  readonly id: string;
  readonly attempt: number;
  /** The instance's round the attempt was made in (a recover or resume starts a new round). */
  readonly round: number;
  readonly state: TaskState;
  /** Attempts that ended FAILURE in this attempt's round (a new round has its retries again). */
  readonly failures: number;
  readonly worker: string | null;
  /**
   * The incarnation of `worker` (its member `startedAt`) the attempt was last sent to; null
   * until it is sent (an attempt rebuilt from MySQL). A name can come back as a new process:
   * only the loss of this incarnation loses the attempt.
   */
  readonly workerStartedAt: string | null;
  readonly childId: string | null;
  /**
   * SUB_WORKFLOW: the child of the task's attempt in an earlier round, which this attempt
   * recovers in place and re-attaches to instead of making a new child. Null within a round
   * (a retry makes its own child) and for other task types.
   */
  readonly priorChild: PriorChild | null;
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
  /** A kill was sent for this attempt (resent by the reconciler until it ends). */
  readonly killRequested: boolean;
  /** The worker confirmed it started this attempt. */
  readonly dispatchConfirmed: boolean;
  /** A RunTask for this attempt is in flight: the reconciler does not send another beside it. */
  readonly sending: boolean;
  /** The master's own timeout fired (SUB_WORKFLOW tasks): the child's STOP means FAILURE. */
  readonly timedOut: boolean;
  /** OUT params of a successful attempt (stored with it). */
  readonly outputs: Readonly<Record<string, string>>;
  /** A CONDITIONS/SWITCH attempt's stored decision; null until it is committed. */
  readonly decision: TaskDecision | null;
}

/** A task attempt as the store and history name it. */
export function taskRef(task: TaskRun): { id: string; name: string; attempt: number } {
  return { id: task.id, name: task.def.name, attempt: task.attempt };
}

/**
 * A child made by an earlier attempt, to be recovered and re-attached to. `links` counts the
 * earlier attempts attached to it: the child has been carried on `links - 1` times before, so
 * a child whose round is `links` or more was already recovered for this attempt (by an owner
 * that died before recording the attachment) and must not be recovered twice.
 */
export interface PriorChild {
  readonly id: string;
  readonly links: number;
}

/** The child an attempt of `round` re-attaches to: its task's child from an earlier round. */
function priorChildOf(previous: TaskRun | undefined, round: number): PriorChild | null {
  if (previous === undefined || previous.round >= round) return null;
  if (previous.childId === null) return previous.priorChild;
  const before = previous.priorChild?.id === previous.childId ? previous.priorChild.links : 0;
  return { id: previous.childId, links: before + 1 };
}

/** A fresh attempt of `round`, just inserted: SUBMITTED, or DISPATCHED to `worker`. */
export function newAttempt(
  def: TaskDefinition,
  id: string,
  attempt: number,
  previous: TaskRun | undefined,
  round: number,
  worker?: string,
): TaskRun {
  return {
    def,
    id,
    attempt,
    round,
    state: worker === undefined ? 'SUBMITTED' : 'DISPATCHED',
    failures: previous !== undefined && previous.round === round ? previous.failures : 0,
    worker: worker ?? null,
    workerStartedAt: null,
    childId: null,
    priorChild: def.type === 'SUB_WORKFLOW' ? priorChildOf(previous, round) : null,
    startedAt: null,
    endedAt: null,
    killRequested: false,
    dispatchConfirmed: false,
    sending: false,
    timedOut: false,
    outputs: {},
    decision: null,
  };
}

/**
 * The planner's view of a task in round `round`: an attempt of an earlier round that did not
 * succeed is `stale` (planned again as if it never ran, with a fresh retry budget); successes,
 * forced ones and stored decisions of earlier rounds are kept, except for the tasks in `rerun`
 * (a `recover --from`), which run again.
 */
export function progressOf(
  run: TaskRun,
  round: number,
  rerun: ReadonlySet<string> = new Set(),
): TaskProgress {
  const again = !isSuccessTaskState(run.state) || rerun.has(run.def.name);
  const progress = {
    attempt: run.attempt,
    state: run.state,
    failures: run.failures,
    endedAt: run.endedAt,
    ...(run.round < round && again ? { stale: true } : {}),
  };
  return run.decision === null ? progress : { ...progress, chosen: run.decision.chosen };
}

/** Builds each task's newest attempt from its rows (any order). */
export function taskRunsFromRows(
  defs: readonly TaskDefinition[],
  rows: readonly TaskRow[],
): Map<string, TaskRun> {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const runs = new Map<string, TaskRun>();
  const sorted = [...rows].sort((a, b) => a.attempt - b.attempt);
  for (const row of sorted) {
    const def = byName.get(row.task);
    if (def === undefined) continue;
    if (!isTaskState(row.state))
      throw new InternalError(`task ${row.id} has unknown state ${row.state}`);
    const previous = runs.get(row.task);
    const before = previous !== undefined && previous.round === row.round ? previous.failures : 0;
    runs.set(row.task, {
      def,
      id: row.id,
      attempt: row.attempt,
      round: row.round,
      state: row.state,
      failures: before + (row.state === 'FAILURE' ? 1 : 0),
      worker: row.worker,
      workerStartedAt: null,
      childId: row.child_instance_id,
      priorChild: def.type === 'SUB_WORKFLOW' ? priorChildOf(previous, row.round) : null,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      killRequested: false,
      // Not by this owner: a task left running is taken over (RunTask, take-over only) until the
      // worker answers, so it learns the new epoch; a lost first try must not leave it
      // reporting to the old one, refused as stale, for as long as it lives.
      dispatchConfirmed: false,
      sending: false,
      timedOut: false,
      outputs: row.outputs === null ? {} : parseStoredParams(row.outputs),
      decision: row.decision === null ? null : parseDecision(row.decision),
    });
  }
  return runs;
}
