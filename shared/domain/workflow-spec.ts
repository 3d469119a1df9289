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

/**
 * What a definition can be alerted on (README "Alerts"): its instance ended SUCCESS, FAILURE or
 * SERIAL_DISCARD, its workflow timeout fired (STOP or WARN), or a master took it over from a
 * dead one.
 */
export const ALERT_EVENTS = [
  'FAILURE',
  'SUCCESS',
  'TIMEOUT',
  'FAILOVER',
  'SERIAL_DISCARD',
] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** `alerts: { channel, on }`: which events go to which alert channel. */
export interface AlertsSpec {
  channel: string;
  on: AlertEvent[];
}

export const TASK_TYPES = ['SHELL', 'SUB_WORKFLOW', 'CONDITIONS', 'SWITCH', 'DEPENDENT'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** A CONDITIONS task's test: `all` or `any` of its items, each a dependency's final state. */
export interface ConditionSpec {
  relation: 'all' | 'any';
  items: { task: string; state: 'SUCCESS' | 'FAILURE' }[];
}

/** One SWITCH branch: the first whose `when` is true is taken. */
export interface SwitchCase {
  when: string;
  next: string;
}

/** One DEPENDENT item: another workflow's (or one of its tasks') run in a business-date window. */
export interface DependentItem {
  workflow: string;
  /** A task of that workflow; null: the workflow instance itself. */
  task: string | null;
  cycle: string;
  date: string;
}

export interface DependentSpec {
  relation: 'all' | 'any';
  items: DependentItem[];
  checkIntervalMs: number;
}

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
  /** Task-local params (highest precedence); values may reference other params. */
  params: Record<string, string>;
  /** Declared OUT params: only these are captured from the attempt that succeeded. */
  outputs: string[];
  /** CONDITIONS only. */
  condition: ConditionSpec | null;
  /** CONDITIONS only: the branch taken when the condition holds, and the other one. */
  onTrue: string[];
  onFalse: string[];
  /** SWITCH only: the cases in order, and the branch when none holds (null: the task fails). */
  switchCases: SwitchCase[];
  switchDefault: string | null;
  /** DEPENDENT only. */
  dependOn: DependentSpec | null;
  /** SHELL only: the task group whose slot each attempt must hold to run (null: none). */
  taskGroup: string | null;
  /** Its place among the group's waiters: 0-9, higher first, then submission order. */
  taskGroupPriority: number;
}

/**
 * The workflow-language fields of a task that uses none of them (issue 13): what a definition
 * stored before they existed means, and the base of test builders.
 */
export function languageFieldsUnused(): Pick<
  TaskDefinition,
  | 'params'
  | 'outputs'
  | 'condition'
  | 'onTrue'
  | 'onFalse'
  | 'switchCases'
  | 'switchDefault'
  | 'dependOn'
  | 'taskGroup'
  | 'taskGroupPriority'
> {
  // Fresh objects each time: no two tasks share a mutable list.
  return {
    params: {},
    outputs: [],
    condition: null,
    onTrue: [],
    onFalse: [],
    switchCases: [],
    switchDefault: null,
    dependOn: null,
    taskGroup: null,
    taskGroupPriority: 0,
  };
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
  /** Where its alert events go; null: none are sent. */
  alerts: AlertsSpec | null;
  tasks: TaskDefinition[];
}
