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
  'FAILURE',
  'SUCCESS',
  'SERIAL_DISCARD',
] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

const TRANSITIONS: Record<WorkflowState, readonly WorkflowState[]> = {
  SUBMITTED: ['RUNNING', 'SERIAL_WAIT', 'SERIAL_DISCARD', 'STOP', 'FAILURE'],
  SERIAL_WAIT: ['RUNNING', 'SERIAL_DISCARD', 'STOP', 'FAILURE'],
  RUNNING: ['READY_STOP', 'SUCCESS', 'FAILURE'],
  READY_STOP: ['STOP'],
  STOP: [],
  FAILURE: [],
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
