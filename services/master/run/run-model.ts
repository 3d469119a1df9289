import type { TaskRow } from '../../../shared/db/schema.js';
import { isTaskState, type TaskState } from '../../../shared/domain/task-states.js';
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
  readonly state: TaskState;
  readonly failures: number;
  readonly worker: string | null;
  /**
   * The incarnation of `worker` (its member `startedAt`) the attempt was last sent to; null
   * until it is sent (an attempt rebuilt from MySQL). A name can come back as a new process:
   * only the loss of this incarnation loses the attempt.
   */
  readonly workerStartedAt: string | null;
  readonly childId: string | null;
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
  /** A kill was sent for this attempt (resent by the reconciler until it ends). */
  readonly killRequested: boolean;
  /** The worker confirmed it started this attempt. */
  readonly dispatchConfirmed: boolean;
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

/** A fresh attempt, just inserted: SUBMITTED, or DISPATCHED to `worker`. */
export function newAttempt(
  def: TaskDefinition,
  id: string,
  attempt: number,
  previous: TaskRun | undefined,
  worker?: string,
): TaskRun {
  return {
    def,
    id,
    attempt,
    state: worker === undefined ? 'SUBMITTED' : 'DISPATCHED',
    failures: previous?.failures ?? 0,
    worker: worker ?? null,
    workerStartedAt: null,
    childId: null,
    startedAt: null,
    endedAt: null,
    killRequested: false,
    dispatchConfirmed: false,
    timedOut: false,
    outputs: {},
    decision: null,
  };
}

export function progressOf(run: TaskRun): TaskProgress {
  const progress = {
    attempt: run.attempt,
    state: run.state,
    failures: run.failures,
    endedAt: run.endedAt,
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
    const failures = (runs.get(row.task)?.failures ?? 0) + (row.state === 'FAILURE' ? 1 : 0);
    runs.set(row.task, {
      def,
      id: row.id,
      attempt: row.attempt,
      state: row.state,
      failures,
      worker: row.worker,
      workerStartedAt: null,
      childId: row.child_instance_id,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      killRequested: false,
      // Not by this owner: a task left running is taken over (RunTask, take-over only) until the
      // worker answers, so it learns the new epoch; a lost first try must not leave it
      // reporting to the old one, refused as stale, for as long as it lives.
      dispatchConfirmed: false,
      timedOut: false,
      outputs: row.outputs === null ? {} : parseStoredParams(row.outputs),
      decision: row.decision === null ? null : parseDecision(row.decision),
    });
  }
  return runs;
}
