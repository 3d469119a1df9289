import { Range, type ComparatorBuilder, type Etcd3, type IKeyValue } from 'etcd3';
import type { SerialKeys } from '../../../shared/serial/serial-keys.js';
import type { TaskGroupKeys } from '../../../shared/task-groups/task-group-keys.js';
import {
  taskGroupEntrySchema,
  taskGroupSlotSchema,
  type TaskGroupEntryValue,
  type TaskGroupSlotValue,
} from '../../../shared/task-groups/task-group-values.js';
import type { Fence, Stored } from '../serial-ports.js';
import { stored } from '../stored-values.js';

/** A group's slots and queue head as read together: what one hand-off decides on. */
export interface GroupSnapshot {
  /** The holders counter's mod revision; undefined when it was never written. */
  holdersMod: string | undefined;
  slots: Stored<TaskGroupSlotValue>[];
  head: Stored<TaskGroupEntryValue>[];
}

/** What one hand-off transaction changes. */
export interface GroupChange {
  /** Slots of ended attempts to free. */
  free: Stored<TaskGroupSlotValue>[];
  /** Queue entries to turn into slots (in this order). */
  admit: Stored<TaskGroupEntryValue>[];
  /** Queue entries of ended attempts to drop. */
  drop: Stored<TaskGroupEntryValue>[];
}

const same = <T>(v: T): T => v;

/**
 * One task group's slots and queue in etcd, and every fenced write the coordinator makes to them.
 * Each write is ONE transaction that compares this coordinator's shard claim (so a deposed
 * coordinator's writes fail) and the revisions of the keys it read; a change of holders also
 * compares and rewrites the group's holders counter, so two hand-offs can never both count the
 * same free slot (T1). Nothing outside this file builds a transaction on these keys
 * (test/storage-boundaries.test.ts).
 */
export class TaskGroupStore {
  constructor(
    private readonly etcd: Etcd3,
    private readonly keys: TaskGroupKeys,
    /** Where the shard claims are: the fence is the claim's create revision. */
    private readonly shards: Pick<SerialKeys, 'shard'>,
  ) {}

  /** Every slot, and the first `n` waiting attempts in admission order, in one read each. */
  async snapshot(shard: number, group: string, n: number): Promise<GroupSnapshot> {
    const [counter, slots, head] = await Promise.all([
      this.etcd.get(this.keys.holders(shard, group)).exec(),
      this.etcd.getAll().prefix(this.keys.slots(shard, group)).exec(),
      this.etcd.getAll().prefix(this.keys.queue(shard, group)).limit(n).exec(),
    ]);
    return {
      holdersMod: counter.kvs[0]?.mod_revision,
      slots: parsed(slots.kvs, (kv) => stored(kv, taskGroupSlotSchema, same)),
      head: parsed(head.kvs, (kv) => stored(kv, taskGroupEntrySchema, same)),
    };
  }

  async slot(
    shard: number,
    group: string,
    taskInstanceId: string,
  ): Promise<Stored<TaskGroupSlotValue> | undefined> {
    const response = await this.etcd.get(this.keys.slot(shard, group, taskInstanceId)).exec();
    return stored(response.kvs[0], taskGroupSlotSchema, same);
  }

  async entry(
    shard: number,
    group: string,
    priority: number,
    taskInstanceId: string,
  ): Promise<Stored<TaskGroupEntryValue> | undefined> {
    const key = this.keys.queueEntry(shard, group, priority, taskInstanceId);
    const response = await this.etcd.get(key).exec();
    return stored(response.kvs[0], taskGroupEntrySchema, same);
  }

  queueLength(shard: number, group: string): Promise<number> {
    return this.etcd.getAll().prefix(this.keys.queue(shard, group)).count();
  }

  /** 1-based position of a waiting entry (entries before it, plus one). */
  async position(shard: number, group: string, entryKey: string): Promise<number> {
    const start = this.keys.queue(shard, group);
    return (await this.etcd.getAll().inRange(new Range(start, entryKey)).count()) + 1;
  }

  /** Every group with a slot or queue entry in a shard (a keys-only range read). */
  async groupsIn(shard: number): Promise<Set<string>> {
    const keys = await this.etcd.getAll().prefix(this.keys.shardData(shard)).keys();
    const names = new Set<string>();
    for (const key of keys) {
      const name = this.keys.groupOfKey(shard, key);
      if (name !== undefined && name !== '') names.add(name);
    }
    return names;
  }

  /**
   * Queues an attempt: compares the fence, and that it neither waits nor holds a slot already
   * (both keys at version 0); writes its entry. @returns whether it committed.
   */
  putEntry(fence: Fence, group: string, entry: TaskGroupEntryValue): Promise<boolean> {
    const { shard } = fence;
    const key = this.keys.queueEntry(shard, group, entry.priority, entry.taskInstanceId);
    return succeeded(
      this.fenced(fence)
        .and(key, 'Version', '==', 0)
        .and(this.keys.slot(shard, group, entry.taskInstanceId), 'Version', '==', 0)
        .then(this.etcd.put(key).value(JSON.stringify(entry))),
    );
  }

  /**
   * Records a waiting attempt's new owner (after a failover): compares the fence and the
   * entry's read revision; rewrites it. @returns whether it committed.
   */
  moveEntryOwner(
    fence: Fence,
    entry: Stored<TaskGroupEntryValue>,
    owner: string,
    epoch: bigint,
  ): Promise<boolean> {
    const value = { ...entry.value, owner, epoch: epoch.toString() };
    return succeeded(
      this.fenced(fence)
        .and(entry.key, 'Mod', '==', entry.mod)
        .then(this.etcd.put(entry.key).value(JSON.stringify(value))),
    );
  }

  /**
   * Frees, admits and drops as ONE transaction: compares the fence, the holders counter (at
   * its read revision, or absent), every freed slot's and every admitted or dropped entry's
   * read revision; deletes the freed slots and dropped entries, moves each admitted entry to
   * its slot (`since` now), and rewrites the counter. @returns whether it committed.
   */
  applyChange(
    fence: Fence,
    group: string,
    holdersMod: string | undefined,
    change: GroupChange,
  ): Promise<boolean> {
    const { shard } = fence;
    const counter = this.keys.holders(shard, group);
    let txn =
      holdersMod === undefined
        ? this.fenced(fence).and(counter, 'Version', '==', 0)
        : this.fenced(fence).and(counter, 'Mod', '==', holdersMod);
    for (const s of [...change.free, ...change.admit, ...change.drop])
      txn = txn.and(s.key, 'Mod', '==', s.mod);
    const since = new Date().toISOString();
    const ops = [
      ...change.free.map((s) => this.etcd.delete().key(s.key)),
      ...change.drop.map((e) => this.etcd.delete().key(e.key)),
      ...change.admit.flatMap((e) => {
        const { instanceId, taskInstanceId, task, attempt, priority, owner, epoch } = e.value;
        const slot: TaskGroupSlotValue = {
          ...{ instanceId, taskInstanceId, task, attempt, priority, owner, epoch },
          since,
        };
        return [
          this.etcd.delete().key(e.key),
          this.etcd
            .put(this.keys.slot(shard, group, e.value.taskInstanceId))
            .value(JSON.stringify(slot)),
        ];
      }),
      this.etcd.put(counter).value(since),
    ];
    return succeeded(txn.then(...ops));
  }

  /** A transaction that only commits while this coordinator still owns the shard. */
  private fenced(fence: Fence): ComparatorBuilder {
    return this.etcd.if(this.shards.shard(fence.shard), 'Create', '==', fence.revision.toString());
  }
}

function parsed<T>(kvs: IKeyValue[], parse: (kv: IKeyValue) => T | undefined): T[] {
  return kvs.map(parse).filter((v) => v !== undefined);
}

async function succeeded(txn: ComparatorBuilder): Promise<boolean> {
  return (await txn.commit()).succeeded;
}
