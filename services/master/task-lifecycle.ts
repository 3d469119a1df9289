import type { TaskState } from '../../shared/domain/task-states.js';
import { isActiveTaskState } from '../../shared/domain/task-states.js';
import { formatDuration } from '../../shared/domain/duration.js';
import type { TaskPatch } from './instance-store.js';
import type { RunDeps } from './run-deps.js';
import type { RunHandle } from './run-handle.js';
import { taskRef, type TaskRun } from './run-model.js';

/** Moves a task attempt to `to` (fenced, recorded) and mirrors it in memory. */
export async function transitionTask(
  run: RunHandle,
  deps: RunDeps,
  task: TaskRun,
  to: TaskState,
  patch: TaskPatch,
  reason: string,
): Promise<void> {
  const from = task.state;
  await deps.store.transitionTask(run.id, run.epoch, taskRef(task), from, to, patch, reason);
  task.state = to;
  if (patch.worker !== undefined) task.worker = patch.worker;
  if (patch.childInstanceId !== undefined) task.childId = patch.childInstanceId;
  if (patch.startedAt !== undefined) task.startedAt = patch.startedAt;
  if (patch.endedAt !== undefined) task.endedAt = patch.endedAt;
  if (to === 'FAILURE') task.failures += 1;
  if (!isActiveTaskState(to)) {
    run.clearTimer(timeoutKey(task));
    run.clearTimer(redispatchKey(task));
    if (task.def.type === 'SHELL' && (from === 'DISPATCHED' || from === 'RUNNING'))
      deps.cluster.noteFinished(task.worker);
  }
}

export function timeoutKey(task: TaskRun): string {
  return `task-timeout:${task.def.name}`;
}

export function redispatchKey(task: TaskRun): string {
  return `redispatch:${task.def.name}`;
}

/**
 * Arms the master's side of a task timeout. SHELL tasks with FAIL are enforced by the worker
 * (it kills the group and reports FAILURE, even if this master dies meanwhile); WARN only
 * records a warning; a SUB_WORKFLOW with FAIL stops its child and the task fails.
 */
export function armTaskTimeout(
  run: RunHandle,
  deps: RunDeps,
  task: TaskRun,
  kill: (task: TaskRun, reason: string) => Promise<void>,
): void {
  const { timeoutMs, timeoutStrategy, type } = task.def;
  if (timeoutMs === null) return;
  if (type === 'SHELL' && timeoutStrategy === 'FAIL') return;
  const startedAt = task.startedAt?.getTime() ?? Date.now();
  run.armTimer(timeoutKey(task), startedAt + timeoutMs - Date.now(), async () => {
    if (!run.isCurrent(task) || !isActiveTaskState(task.state)) return;
    const reason = `task ${task.def.name} exceeded its timeout of ${formatDuration(timeoutMs)}`;
    if (timeoutStrategy === 'WARN') {
      run.log.warn({ task: task.def.name }, reason);
      await deps.store.note(run.id, run.epoch, task.state, `warning: ${reason}`, taskRef(task));
      return;
    }
    task.timedOut = true;
    await kill(task, reason);
  });
}
