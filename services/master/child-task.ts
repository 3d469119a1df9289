import { ATTR, inSpan } from '../../shared/telemetry/tracing.js';
import { isTerminalWorkflowState, isWorkflowState } from '../../shared/domain/workflow-states.js';
import type { TaskState } from '../../shared/domain/task-states.js';
import type { RunDeps } from './run-deps.js';
import type { RunHandle } from './run-handle.js';
import type { TaskRun } from './run-model.js';
import { armTaskTimeout, transitionTask } from './task-lifecycle.js';
import type { KillFn } from './shell-task.js';

/**
 * A child runs with its definition's params overlaid by every param of its parent: the
 * parent's values are start params for the child, as in DolphinScheduler, where a parent's
 * parameters are passed down to its sub-workflow and win over the child's defaults.
 */
export function inheritParams(
  childDefaults: Record<string, string>,
  parent: Readonly<Record<string, string>>,
): Record<string, string> {
  return { ...childDefaults, ...parent };
}

/**
 * Starts (or re-attaches to) the child instance of a SUB_WORKFLOW task attempt. The child row is
 * created idempotently under the parent link's UNIQUE key, so calling this again after a
 * failover finds the same child instead of making a second one (F2).
 */
export async function startChild(
  run: RunHandle,
  deps: RunDeps,
  task: TaskRun,
  kill: KillFn,
): Promise<void> {
  const child = await deps.definitions.latest(task.def.workflow);
  // The child's row stores this span as its trace parent: the child runs in the same trace.
  const childId = await inSpan(
    'baton.task.child',
    {
      attributes: {
        ...run.spanAttributes,
        [ATTR.task]: task.def.name,
        [ATTR.attempt]: task.attempt,
        'baton.child.workflow': task.def.workflow,
      },
    },
    async (span) => {
      const id = await deps.store.createChild(
        run.id,
        run.epoch,
        {
          workflow: task.def.workflow,
          version: child.version,
          executionType: child.spec.executionType,
          params: inheritParams(child.spec.params, run.params),
        },
        { name: task.def.name, attempt: task.attempt },
      );
      span.setAttribute('baton.child.instance.id', id);
      return id;
    },
  );
  await transitionTask(
    run,
    deps,
    task,
    'RUNNING',
    { childInstanceId: childId, startedAt: new Date() },
    `child instance ${childId}`,
  );
  armTaskTimeout(run, deps, task, kill);
  if (!(await checkChild(run, deps, task))) deps.submitChild(childId, task.def.workflow);
}

/** Reads the child's state; when it has ended, ends the task accordingly. True if it ended. */
export async function checkChild(run: RunHandle, deps: RunDeps, task: TaskRun): Promise<boolean> {
  if (task.childId === null || task.state !== 'RUNNING') return false;
  const child = await deps.store.db
    .selectFrom('workflow_instances')
    .select(['state', 'ended_at'])
    .where('id', '=', task.childId)
    .executeTakeFirst();
  if (child === undefined || !isWorkflowState(child.state) || !isTerminalWorkflowState(child.state))
    return false;
  const to: TaskState =
    child.state === 'SUCCESS'
      ? 'SUCCESS'
      : child.state === 'STOP' && !task.timedOut
        ? 'KILL'
        : 'FAILURE';
  const why = task.timedOut ? ' after the task timed out' : '';
  await transitionTask(
    run,
    deps,
    task,
    to,
    { endedAt: child.ended_at ?? new Date() },
    `child ${task.childId} ended ${child.state}${why}`,
  );
  return true;
}
