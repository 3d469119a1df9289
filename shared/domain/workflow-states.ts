import { IllegalTransitionError } from '../errors.js';

/**
 * Workflow instance states (DolphinScheduler's names) and every legal transition, in one
 * table. Nothing changes an instance's state without `assertWorkflowTransition`.
 */
export const WORKFLOW_STATES = [
  'SUBMITTED',
  'SERIAL_WAIT',
  'RUNNING',
  'READY_STOP',
  'STOP',
  // Paused: READY_PAUSE while tasks that were running finish, PAUSE once nothing runs.
  'READY_PAUSE',
  'PAUSE',
  'FAILURE',
  'SUCCESS',
  'SERIAL_DISCARD',
] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

/**
 * An ended FAILURE (recover) or STOP (resume) instance goes back to SUBMITTED: the api records
 * that, in place, so that a master claims it under a new epoch and carries it on (see
 * shared/instances/reopen-instance.ts). SUCCESS and SERIAL_DISCARD stay ended for good.
 */
const TRANSITIONS: Record<WorkflowState, readonly WorkflowState[]> = {
  SUBMITTED: ['RUNNING', 'SERIAL_WAIT', 'SERIAL_DISCARD', 'STOP', 'FAILURE', 'PAUSE'],
  SERIAL_WAIT: ['RUNNING', 'SERIAL_DISCARD', 'STOP', 'FAILURE', 'PAUSE'],
  RUNNING: ['READY_STOP', 'READY_PAUSE', 'SUCCESS', 'FAILURE'],
  READY_STOP: ['STOP'],
  // The tasks still running decide: nothing left to run ends it as a run would.
  READY_PAUSE: ['PAUSE', 'RUNNING', 'READY_STOP', 'SUCCESS', 'FAILURE'],
  PAUSE: ['RUNNING', 'READY_STOP'],
  STOP: ['SUBMITTED'],
  FAILURE: ['SUBMITTED'],
  SUCCESS: [],
  SERIAL_DISCARD: [],
};

export const TERMINAL_WORKFLOW_STATES: readonly WorkflowState[] = [
  'STOP',
  'FAILURE',
  'SUCCESS',
  'SERIAL_DISCARD',
];

/**
 * States in which an instance needs an owning master (for the reconciler and failover). A
 * SERIAL_WAIT instance is owned too: its owner reacts when the coordinator admits it.
 */
export const OWNED_WORKFLOW_STATES: readonly WorkflowState[] = [
  'SUBMITTED',
  'SERIAL_WAIT',
  'RUNNING',
  'READY_STOP',
  'READY_PAUSE',
  // A paused instance has not ended: its owner keeps it (and its serial slot) until resumed.
  'PAUSE',
];

export function isWorkflowState(value: string): value is WorkflowState {
  return (WORKFLOW_STATES as readonly string[]).includes(value);
}

export function isTerminalWorkflowState(state: WorkflowState): boolean {
  return TERMINAL_WORKFLOW_STATES.includes(state);
}

export function canTransitionWorkflow(from: WorkflowState, to: WorkflowState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** @throws IllegalTransitionError when the table does not allow `from -> to`. */
export function assertWorkflowTransition(from: WorkflowState, to: WorkflowState): void {
  if (!canTransitionWorkflow(from, to)) throw new IllegalTransitionError('workflow', from, to);
}
