import { Range, type ComparatorBuilder, type Etcd3, type IKeyValue } from 'etcd3';
import type { z } from 'zod';
import {
  parseValue,
  queueEntrySchema,
  slotValueSchema,
  tombstoneSchema,
  type QueueEntry,
  type SlotValue,
  type Tombstone,
} from '../../shared/serial/serial-values.js';
import type { SerialKeys } from '../../shared/serial/serial-keys.js';

/** How far past the last seen head (in instance ids) the head is looked for first. */
const HEAD_WINDOWS = [1_000n, 1_000_000n];

/** A stored value with the key and mod revision that a transaction compares. */
export interface Stored<T> {
  key: string;
  value: T;
  mod: string;
}

/** A shard and the revision of this coordinator's claim on it: the fence of every write. */
export interface Fence {
  shard: number;
  revision: bigint;
}

/** Reads of one definition's slot, queue and tombstones, and the fenced transaction builder. */
export class SerialStore {
  /** Per queue, the id of its head when last read: a hint for the next read, never trusted. */
  private readonly lastHeads = new Map<string, bigint>();

  constructor(
    readonly etcd: Etcd3,
    readonly keys: SerialKeys,
  ) {}

  async slot(shard: number, workflow: string): Promise<Stored<SlotValue> | undefined> {
    const response = await this.etcd.get(this.keys.slot(shard, workflow)).exec();
    return stored(response.kvs[0], slotValueSchema);
  }

  /**
   * The first `n` waiting entries, in admission (instance id) order. etcd 3.4 walks its whole
   * index over a range even when a limit is given (a 100,000-entry queue costs ~15 ms per
   * read), so the head is first looked for in a range that starts at the queue's beginning —
   * late arrivals with lower ids are inside it — and ends a little past the head seen last
   * time; only when that holds fewer than `n` entries is the whole queue read. Keys already
   * come back in order: asking etcd to sort would defeat the limit too.
   */
  async head(shard: number, workflow: string, n: number): Promise<Stored<QueueEntry>[]> {
    const start = this.keys.queue(shard, workflow);
    const hint = this.lastHeads.get(start);
    for (const span of hint === undefined ? [] : HEAD_WINDOWS) {
      const end = this.keys.queueEntry(shard, workflow, (hint! + span).toString());
      const window = await this.etcd.getAll().inRange(new Range(start, end)).limit(n).exec();
      if (window.kvs.length >= n) return this.entries(start, window.kvs);
    }
    const response = await this.etcd.getAll().prefix(start).limit(n).exec();
    return this.entries(start, response.kvs);
  }

  private entries(queue: string, kvs: IKeyValue[]): Stored<QueueEntry>[] {
    const entries = kvs.map((kv) => stored(kv, queueEntrySchema)).filter((s) => s !== undefined);
    const first = entries[0];
    if (first === undefined) this.lastHeads.delete(queue);
    else this.lastHeads.set(queue, BigInt(first.value.instanceId));
    return entries;
  }

  async entry(
    shard: number,
    workflow: string,
    instanceId: string,
  ): Promise<Stored<QueueEntry> | undefined> {
    const response = await this.etcd.get(this.keys.queueEntry(shard, workflow, instanceId)).exec();
    return stored(response.kvs[0], queueEntrySchema);
  }

  async tombstone(
    shard: number,
    workflow: string,
    instanceId: string,
  ): Promise<Stored<Tombstone> | undefined> {
    const response = await this.etcd
      .get(this.keys.discardedEntry(shard, workflow, instanceId))
      .exec();
    return stored(response.kvs[0], tombstoneSchema);
  }

  async tombstones(shard: number, workflow: string, n: number): Promise<Stored<Tombstone>[]> {
    const response = await this.etcd
      .getAll()
      .prefix(this.keys.discarded(shard, workflow))
      .limit(n)
      .exec();
    return response.kvs.map((kv) => stored(kv, tombstoneSchema)).filter((s) => s !== undefined);
  }

  async queueLength(shard: number, workflow: string): Promise<number> {
    return this.etcd.getAll().prefix(this.keys.queue(shard, workflow)).count();
  }

  /** 1-based position of a waiting instance (entries before it, plus one). */
  async position(shard: number, workflow: string, instanceId: string): Promise<number> {
    const start = this.keys.queue(shard, workflow);
    const before = await this.etcd
      .getAll()
      .inRange(new Range(start, this.keys.queueEntry(shard, workflow, instanceId)))
      .count();
    return before + 1;
  }

  /** Every definition with keys in a shard (one keys-only range read, at shard take-over). */
  async definitionsIn(shard: number): Promise<Set<string>> {
    const keys = await this.etcd.getAll().prefix(this.keys.shardData(shard)).keys();
    const names = new Set<string>();
    for (const key of keys) {
      const name = this.keys.workflowOfKey(shard, key);
      if (name !== undefined && name !== '') names.add(name);
    }
    return names;
  }

  /** A transaction that only commits while this coordinator still owns the shard. */
  fenced(fence: Fence): ComparatorBuilder {
    return this.etcd.if(this.keys.shard(fence.shard), 'Create', '==', fence.revision.toString());
  }
}

function stored<T>(kv: IKeyValue | undefined, schema: z.ZodType<T>): Stored<T> | undefined {
  if (kv === undefined) return undefined;
  const value = parseValue(schema, kv.value.toString());
  return value === undefined ? undefined : { key: kv.key.toString(), value, mod: kv.mod_revision };
}
