import type { ProcessOutcome, TaskProcess } from './task-process.js';

/**
 * A task this worker runs or still has a result for. `epoch`, `owner` and `ownerAddress` move
 * forward when a new owner takes the task over after a failover.
 */
export interface TaskEntry {
  readonly taskInstanceId: string;
  readonly instanceId: string;
  readonly taskName: string;
  readonly attempt: number;
  epoch: bigint;
  owner: string;
  ownerAddress: string;
  readonly process: TaskProcess;
  outcome: ProcessOutcome | undefined;
  /** Wakes the delivery loop early (after a take-over brought a new epoch). */
  wake: (() => void) | undefined;
}

/** Tasks by task instance id, from start until their result is acknowledged. */
export class TaskRegistry {
  private readonly entries = new Map<string, TaskEntry>();

  get(taskInstanceId: string): TaskEntry | undefined {
    return this.entries.get(taskInstanceId);
  }

  add(entry: TaskEntry): void {
    this.entries.set(entry.taskInstanceId, entry);
  }

  remove(taskInstanceId: string): void {
    this.entries.delete(taskInstanceId);
  }

  all(): TaskEntry[] {
    return [...this.entries.values()];
  }

  get size(): number {
    return this.entries.size;
  }
}
