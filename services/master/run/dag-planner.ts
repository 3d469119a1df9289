import type {
  TaskDefinition,
  WorkflowDefinitionSpec,
} from '../../../shared/domain/workflow-spec.js';
import { assertNever } from '../../../shared/assert-never.js';
import { isActiveTaskState, type TaskState } from '../../../shared/domain/task-states.js';

/** What the planner needs to know about a task: its newest attempt and how many failed. */
export interface TaskProgress {
  /** Newest attempt number; 0 when the task never started. */
  attempt: number;
  /** The newest attempt's state; undefined when the task never started. */
  state: TaskState | undefined;
  /** Attempts that ended FAILURE (fault-tolerance restarts do not count against retries). */
  failures: number;
  endedAt: Date | null;
}

export interface PlanInput {
  spec: WorkflowDefinitionSpec;
  progress: ReadonlyMap<string, TaskProgress>;
  /** The instance is READY_STOP: kill what runs, start nothing, end STOP. */
  stopping: boolean;
  now: number;
}

export type PlanAction =
  | { kind: 'start'; task: string; attempt: number }
  | { kind: 'kill'; task: string }
  | { kind: 'retry-at'; task: string; at: number }
  | { kind: 'finish'; state: 'SUCCESS' | 'FAILURE' | 'STOP' };

const NEVER_STARTED: TaskProgress = { attempt: 0, state: undefined, failures: 0, endedAt: null };

/**
 * The DAG state machine as one pure function: from the tasks' progress, what to do next.
 * - A task starts when every task it depends on succeeded.
 * - A FAILURE is retried `retries` times, `retryInterval` after it ended; a task whose worker
 *   died (NEED_FAULT_TOLERANCE) is restarted at once as a new attempt.
 * - failureStrategy END: a final failure kills the running tasks and the instance fails.
 *   CONTINUE: independent branches go on; the instance fails once nothing can run.
 * - When nothing runs and nothing can start, the instance ends: SUCCESS iff every task did.
 */
export function plan(input: PlanInput): PlanAction[] {
  const { spec, stopping } = input;
  const progressOf = (name: string): TaskProgress => input.progress.get(name) ?? NEVER_STARTED;
  const active = spec.tasks.filter((t) => isActiveState(progressOf(t.name).state));

  if (stopping) {
    if (active.length === 0) return [{ kind: 'finish', state: 'STOP' }];
    return active.map((t) => ({ kind: 'kill', task: t.name }));
  }

  const failedForGood = spec.tasks.some((t) => isFinalFailure(t, progressOf(t.name)));
  if (failedForGood && spec.failureStrategy === 'END') {
    if (active.length === 0) return [{ kind: 'finish', state: 'FAILURE' }];
    return active.map((t) => ({ kind: 'kill', task: t.name }));
  }

  const actions: PlanAction[] = [];
  for (const task of spec.tasks) {
    const next = nextStep(task, progressOf(task.name), progressOf, input.now);
    if (next !== undefined) actions.push(next);
  }
  if (actions.length > 0 || active.length > 0) return actions;

  const allSucceeded = spec.tasks.every((t) => progressOf(t.name).state === 'SUCCESS');
  return [{ kind: 'finish', state: allSucceeded ? 'SUCCESS' : 'FAILURE' }];
}

function nextStep(
  task: TaskDefinition,
  progress: TaskProgress,
  progressOf: (name: string) => TaskProgress,
  now: number,
): PlanAction | undefined {
  switch (progress.state) {
    case undefined: {
      const ready = task.dependsOn.every((dep) => progressOf(dep).state === 'SUCCESS');
      return ready ? { kind: 'start', task: task.name, attempt: 1 } : undefined;
    }
    case 'FAILURE': {
      if (progress.failures > task.retries) return undefined;
      const due = (progress.endedAt?.getTime() ?? now) + task.retryIntervalMs;
      return due <= now
        ? { kind: 'start', task: task.name, attempt: progress.attempt + 1 }
        : { kind: 'retry-at', task: task.name, at: due };
    }
    case 'NEED_FAULT_TOLERANCE':
      return { kind: 'start', task: task.name, attempt: progress.attempt + 1 };
    case 'SUBMITTED':
    case 'DISPATCHED':
    case 'RUNNING':
    case 'SUCCESS':
    case 'KILL':
      return undefined;
    default:
      return assertNever(progress.state);
  }
}

/** A failure no retry will follow: retries used up, or killed (by END or by hand). */
export function isFinalFailure(task: TaskDefinition, progress: TaskProgress): boolean {
  if (progress.state === 'KILL') return true;
  return progress.state === 'FAILURE' && progress.failures > task.retries;
}

function isActiveState(state: TaskState | undefined): boolean {
  return state !== undefined && isActiveTaskState(state);
}
