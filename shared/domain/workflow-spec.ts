import type { Schedule } from './schedule.js';

/**
 * The normalized form of a workflow definition: what validation produces from YAML or from the
 * gRPC `WorkflowSpec`, what is stored (as JSON) in `workflow_definitions.spec`, and what the
 * master executes. Durations are milliseconds.
 */
export const EXECUTION_TYPES = [
  'PARALLEL',
  'SERIAL_WAIT',
  'SERIAL_DISCARD',
  'SERIAL_PRIORITY',
] as const;
export type ExecutionType = (typeof EXECUTION_TYPES)[number];

export const WORKFLOW_TIMEOUT_STRATEGIES = ['STOP', 'WARN'] as const;
export type WorkflowTimeoutStrategy = (typeof WORKFLOW_TIMEOUT_STRATEGIES)[number];

export const FAILURE_STRATEGIES = ['CONTINUE', 'END'] as const;
export type FailureStrategy = (typeof FAILURE_STRATEGIES)[number];

export const TASK_TYPES = ['SHELL', 'SUB_WORKFLOW'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const TASK_TIMEOUT_STRATEGIES = ['FAIL', 'WARN'] as const;
export type TaskTimeoutStrategy = (typeof TASK_TIMEOUT_STRATEGIES)[number];

export interface TaskDefinition {
  name: string;
  type: TaskType;
  /** SHELL: the command, non-empty. SUB_WORKFLOW: ''. */
  command: string;
  /** SUB_WORKFLOW: the child definition's name. SHELL: ''. */
  workflow: string;
  dependsOn: string[];
  retries: number;
  retryIntervalMs: number;
  timeoutMs: number | null;
  timeoutStrategy: TaskTimeoutStrategy;
  workerGroup: string;
}

export interface WorkflowDefinitionSpec {
  name: string;
  description: string;
  executionType: ExecutionType;
  timeoutMs: number | null;
  timeoutStrategy: WorkflowTimeoutStrategy;
  failureStrategy: FailureStrategy;
  params: Record<string, string>;
  /** Starts it by itself; null when it only starts by hand or through the api. */
  schedule: Schedule | null;
  tasks: TaskDefinition[];
}
