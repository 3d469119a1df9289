import type { Attributes } from '../../../shared/telemetry/tracing.js';
import type { WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import type { Logger } from '../../../shared/log.js';
import type { TaskRun } from './run-model.js';
import type { TaskRecords } from './task-records.js';

/** What task-level actions may use of the instance run that owns them. */
export interface RunHandle {
  readonly id: string;
  readonly epoch: bigint;
  readonly workflow: string;
  readonly params: Readonly<Record<string, string>>;
  /** The business time it runs as: date params and DEPENDENT windows are relative to it. */
  readonly scheduleTime: Date;
  readonly spec: WorkflowDefinitionSpec;
  readonly tasks: TaskRecords;
  readonly log: Logger;
  /** Span attributes naming the instance, its workflow and the owner's epoch. */
  readonly spanAttributes: Attributes;
  /** Runs `op` after every earlier event of this instance; rejects with its error. */
  enqueue<T>(label: string, op: () => Promise<T>): Promise<T>;
  /** `enqueue` for callers that do not wait: failures are handled by the run itself. */
  post(label: string, op: () => Promise<void>): void;
  /** Re-plans the DAG and acts on the plan (call from inside the queue). */
  advance(): Promise<void>;
  /** Runs `op` through the queue after `delayMs`; re-arming a key replaces its timer. */
  armTimer(key: string, delayMs: number, op: () => Promise<void>): void;
  clearTimer(key: string): void;
  /** A timer is armed under `key` (a DEPENDENT wait re-checks on one). */
  hasTimer(key: string): boolean;
  /** True while `task` is still the newest attempt of its task and the run is live. */
  isCurrent(task: TaskRun): boolean;
}
