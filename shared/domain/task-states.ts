import { IllegalTransitionError } from '../errors.js';

/**
 * Task instance states (DolphinScheduler's names) and every legal transition, in one table.
 * A finished report may overtake the dispatch acknowledgement, hence DISPATCHED -> SUCCESS etc.
 */
export const TASK_STATES = [
  'SUBMITTED',
  'DISPATCHED',
  'RUNNING',
  'SUCCESS',
  'FAILURE',
  'KILL',
  'NEED_FAULT_TOLERANCE',
  // Not run: on a branch a CONDITIONS or SWITCH task did not take, or only reachable through one.
  'SKIPPED',
  // Ended FAILURE or KILL, then declared a success by an operator: counts as SUCCESS downstream.
  'FORCED_SUCCESS',
  // A SHELL task of a task group waiting for one of the group's slots (never sent to a worker
  // before it holds one); it holds the slot from admission until it is dispatched and ends.
  'WAITING_GROUP',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

const ENDED = ['SUCCESS', 'FAILURE', 'KILL', 'NEED_FAULT_TOLERANCE'] as const;

const TRANSITIONS: Record<TaskState, readonly TaskState[]> = {
  // Born WAITING_GROUP is SUBMITTED -> WAITING_GROUP in one insert (never a later move).
  SUBMITTED: ['DISPATCHED', 'RUNNING', 'WAITING_GROUP', ...ENDED],
  // Admitted (and a worker picked) -> DISPATCHED; stopped while waiting -> KILL. Params that
  // fail to resolve fail it; NEED_FAULT_TOLERANCE is not needed: it is on no worker.
  WAITING_GROUP: ['DISPATCHED', 'FAILURE', 'KILL'],
  DISPATCHED: ['RUNNING', ...ENDED],
  RUNNING: [...ENDED],
  SUCCESS: [],
  // Force success (an ended attempt; the instance has ended or is paused).
  FAILURE: ['FORCED_SUCCESS'],
  KILL: ['FORCED_SUCCESS'],
  NEED_FAULT_TOLERANCE: [],
  SKIPPED: [],
  FORCED_SUCCESS: [],
};

export const ACTIVE_TASK_STATES: readonly TaskState[] = [
  'SUBMITTED',
  'WAITING_GROUP',
  'DISPATCHED',
  'RUNNING',
];

export function isTaskState(value: string): value is TaskState {
  return (TASK_STATES as readonly string[]).includes(value);
}

/** Ended: the attempt runs no more (a FAILURE or KILL may still be forced to success). */
export function isTerminalTaskState(state: TaskState): boolean {
  return !isActiveTaskState(state);
}

/** Counts as a success for dependencies and for the instance's end state. */
export function isSuccessTaskState(state: TaskState | undefined): boolean {
  return state === 'SUCCESS' || state === 'FORCED_SUCCESS';
}

export function isActiveTaskState(state: TaskState): boolean {
  return ACTIVE_TASK_STATES.includes(state);
}

export function canTransitionTask(from: TaskState, to: TaskState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** @throws IllegalTransitionError when the table does not allow `from -> to`. */
export function assertTaskTransition(from: TaskState, to: TaskState): void {
  if (!canTransitionTask(from, to)) throw new IllegalTransitionError('task', from, to);
}
