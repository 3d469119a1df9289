import {
  FailedPreconditionError,
  InvalidArgumentError,
  UnavailableError,
} from '../../../shared/errors.js';
import { KeyedMutex } from '../../../shared/keyed-mutex.js';
import type { Logger } from '../../../shared/log.js';
import type {
  TaskGroupAttempt,
  TaskGroupDecision,
} from '../../../shared/task-groups/task-group-values.js';
import type { Fence } from '../serial-ports.js';
import type { ShardKeeper } from '../shard-keeper.js';
import type { SettleResult, TaskGroupHandOff } from './task-group-hand-off.js';
import type { TaskGroupRecords } from './task-group-records.js';
import type { TaskGroupStore } from './task-group-store.js';

export interface AcquireResult {
  decision: TaskGroupDecision;
  position: number;
}

/**
 * The coordinator's operations on one task group. Each runs under a per-group mutex (this
 * coordinator is the single writer of its shards' groups) with the fence of the group's shard;
 * every write is a fenced, revision-checked etcd transaction (task-group-store.ts).
 */
export class TaskGroupOperations {
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly keeper: Pick<ShardKeeper, 'fenceFor'>,
    private readonly store: TaskGroupStore,
    private readonly records: Pick<TaskGroupRecords, 'size'>,
    private readonly handOff: Pick<TaskGroupHandOff, 'settle'>,
    private readonly log: Logger,
  ) {}

  /** Runs `op` for `group` under its mutex with this coordinator's fence for its shard. */
  exclusive<T>(group: string, op: (fence: Fence) => Promise<T>): Promise<T> {
    return this.mutex.run(group, () => op(this.keeper.fenceFor(group)));
  }

  /**
   * An attempt asks for a slot. Idempotent by the attempt: asking again answers what is stored
   * (a newer owner is recorded on a waiting entry on the way).
   * @throws InvalidArgumentError naming `group` when no such group exists.
   */
  acquire(attempt: TaskGroupAttempt & { group: string }): Promise<AcquireResult> {
    const { group } = attempt;
    return this.exclusive(group, async (fence) => {
      const { shard } = fence;
      const { taskInstanceId, priority } = attempt;
      if ((await this.store.slot(shard, group, taskInstanceId)) !== undefined)
        return { decision: 'ADMITTED', position: 0 };
      const entry = await this.store.entry(shard, group, priority, taskInstanceId);
      if (entry === undefined) {
        if ((await this.records.size(group)) === undefined)
          throw new InvalidArgumentError('group', `no task group "${group}"`);
        const { instanceId, task, owner, epoch } = attempt;
        const value = { instanceId, taskInstanceId, task, attempt: attempt.attempt, priority };
        const queued = { ...value, owner, epoch, queuedAt: now() };
        if (!(await this.store.putEntry(fence, group, queued))) {
          // Not written: held or queued meanwhile (impossible under the mutex), or the shard
          // moved away under the request: the master must ask the new owner.
          throw new UnavailableError(`attempt ${taskInstanceId} was not queued; ask again`);
        }
      } else if (BigInt(attempt.epoch) > BigInt(entry.value.epoch)) {
        await this.store.moveEntryOwner(fence, entry, attempt.owner, BigInt(attempt.epoch));
      }
      const settled = await this.handOff.settle(fence, group);
      if (settled.holders.includes(taskInstanceId)) return { decision: 'ADMITTED', position: 0 };
      const queued = await this.store.entry(shard, group, priority, taskInstanceId);
      if (queued === undefined) {
        // Dropped by the hand-off: MySQL shows the attempt ended; it will never run.
        throw new FailedPreconditionError(`attempt ${taskInstanceId} has ended`);
      }
      return { decision: 'QUEUED', position: await this.store.position(shard, group, queued.key) };
    });
  }

  /**
   * The attempt ended (committed in MySQL) or left the queue: its slot is freed or its entry
   * dropped, and the next waiters admitted, in one transaction.
   * @throws FailedPreconditionError while it holds a slot and MySQL does not show it ended.
   */
  release(
    group: string,
    taskInstanceId: string,
    priority: number,
  ): Promise<{ released: boolean; admitted: string[] }> {
    return this.exclusive(group, async (fence) => {
      const { shard } = fence;
      const [held, waiting] = await Promise.all([
        this.store.slot(shard, group, taskInstanceId),
        this.store.entry(shard, group, priority, taskInstanceId),
      ]);
      const settled = await this.handOff.settle(fence, group);
      if (settled.holders.includes(taskInstanceId))
        throw new FailedPreconditionError(`attempt ${taskInstanceId} has not ended in MySQL`);
      if (held === undefined && waiting === undefined) return { released: false, admitted: [] };
      this.log.debug({ group, task_instance_id: taskInstanceId }, 'task group slot released');
      return { released: true, admitted: settled.admitted };
    });
  }

  /** Admits waiters up to the group's size now (after a resize). */
  admit(group: string): Promise<SettleResult> {
    return this.exclusive(group, (fence) => this.handOff.settle(fence, group));
  }
}

function now(): string {
  return new Date().toISOString();
}
