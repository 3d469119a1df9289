import { Range, type ComparatorBuilder, type Etcd3, type IKeyValue } from 'etcd3';
import {
  queueEntrySchema,
  slotValueSchema,
  tombstoneSchema,
  type SlotValue,
  type Tombstone,
} from '../../shared/serial/serial-values.js';
import type { SerialKeys } from '../../shared/serial/serial-keys.js';
import type { Fence, HandOffStore, QueuedInstance, SlotHolder, Stored } from './serial-ports.js';
import { stored, toEntryValue, toHolder, toQueued, toSlotValue } from './stored-values.js';

export type { Fence, Stored } from './serial-ports.js';

/**
 * How far past the last seen head (in queue tickets) the head is looked for first. Tickets come
 * from the instances' id sequence (a re-entry's too), so the next heads are close to the last.
 */
const HEAD_WINDOWS = [1_000n, 1_000_000n];

/**
 * One definition's slot, queue and tombstones in etcd: the reads, and every fenced write the
 * coordinator makes to them. Each write is ONE transaction that compares this coordinator's
 * shard claim (`create_revision` of the shard key == the fence's revision, so a deposed
 * coordinator's writes fail) and the revisions of the keys it read, and resolves to whether it
 * committed. Nothing outside this file builds a transaction on these keys (checked by
 * test/storage-boundaries.test.ts). Epochs are `bigint` here and strings only in stored JSON.
 */
export class SerialStore implements HandOffStore {
  /** Per queue, the ticket of its head when last read: a hint for the next read, never trusted. */
  private readonly lastHeads = new Map<string, bigint>();

  constructor(
    private readonly etcd: Etcd3,
    private readonly keys: SerialKeys,
  ) {}

  async slot(shard: number, workflow: string): Promise<Stored<SlotHolder> | undefined> {
    const response = await this.etcd.get(this.keys.slot(shard, workflow)).exec();
    return stored(response.kvs[0], slotValueSchema, toHolder);
  }

  /**
   * The first `n` waiting entries, in admission (queue ticket) order. etcd 3.4 walks its whole
   * index over a range even when a limit is given (a 100,000-entry queue costs ~15 ms per
   * read), so the head is first looked for in a range that starts at the queue's beginning —
   * late arrivals with lower tickets are inside it — and ends a little past the head seen last
   * time; only when that holds fewer than `n` entries is the whole queue read. Keys already
   * come back in order: asking etcd to sort would defeat the limit too.
   */
  async head(shard: number, workflow: string, n: number): Promise<Stored<QueuedInstance>[]> {
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

  private entries(queue: string, kvs: IKeyValue[]): Stored<QueuedInstance>[] {
    const entries = kvs
      .map((kv) => stored(kv, queueEntrySchema, toQueued))
      .filter((s) => s !== undefined);
    const first = entries[0];
    if (first === undefined) this.lastHeads.delete(queue);
    else this.lastHeads.set(queue, BigInt(first.value.ticket));
    return entries;
  }

  /** The entry waiting under `ticket`, if any. */
  async entry(
    shard: number,
    workflow: string,
    ticket: string,
  ): Promise<Stored<QueuedInstance> | undefined> {
    const response = await this.etcd.get(this.keys.queueEntry(shard, workflow, ticket)).exec();
    return stored(response.kvs[0], queueEntrySchema, toQueued);
  }

  async tombstone(
    shard: number,
    workflow: string,
    instanceId: string,
  ): Promise<Stored<Tombstone> | undefined> {
    const response = await this.etcd
      .get(this.keys.discardedEntry(shard, workflow, instanceId))
      .exec();
    return stored(response.kvs[0], tombstoneSchema, (t) => t);
  }

  async tombstones(shard: number, workflow: string, n: number): Promise<Stored<Tombstone>[]> {
    const response = await this.etcd
      .getAll()
      .prefix(this.keys.discarded(shard, workflow))
      .limit(n)
      .exec();
    return response.kvs
      .map((kv) => stored(kv, tombstoneSchema, (t) => t))
      .filter((s) => s !== undefined);
  }

  async queueLength(shard: number, workflow: string): Promise<number> {
    return this.etcd.getAll().prefix(this.keys.queue(shard, workflow)).count();
  }

  /** 1-based position of the entry waiting under `ticket` (entries before it, plus one). */
  async position(shard: number, workflow: string, ticket: string): Promise<number> {
    const start = this.keys.queue(shard, workflow);
    const before = await this.etcd
      .getAll()
      .inRange(new Range(start, this.keys.queueEntry(shard, workflow, ticket)))
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

  /**
   * Gives the slot to the queue head: compares the fence, the slot (absent when `slot` is
   * undefined, else at its read revision) and the head entry's revision; writes the head as the
   * slot's holder (owner and epoch from its entry, `since` now) and deletes its entry. Freeing
   * the previous holder and admitting the next is this one transaction.
   * @returns whether it committed.
   */
  admitHead(
    fence: Fence,
    workflow: string,
    slot: Stored<SlotHolder> | undefined,
    head: Stored<QueuedInstance>,
  ): Promise<boolean> {
    const slotKey = this.keys.slot(fence.shard, workflow);
    const { instanceId, ticket, round, owner, epoch } = head.value;
    const holder: SlotValue = {
      instanceId,
      ticket,
      round,
      owner,
      epoch: epoch.toString(),
      since: new Date().toISOString(),
    };
    const txn =
      slot === undefined
        ? this.fenced(fence).and(slotKey, 'Version', '==', 0)
        : this.fenced(fence).and(slotKey, 'Mod', '==', slot.mod);
    return succeeded(
      txn
        .and(head.key, 'Mod', '==', head.mod)
        .then(
          this.etcd.put(slotKey).value(JSON.stringify(holder)),
          this.etcd.delete().key(head.key),
        ),
    );
  }

  /**
   * Frees the slot with nobody to admit: compares the fence and the slot's read revision;
   * deletes the slot. @returns whether it committed.
   */
  freeSlot(fence: Fence, slot: Stored<SlotHolder>): Promise<boolean> {
    return succeeded(
      this.fenced(fence)
        .and(slot.key, 'Mod', '==', slot.mod)
        .then(this.etcd.delete().key(slot.key)),
    );
  }

  /**
   * Removes a waiting entry (its instance ended, or was stopped): compares the fence and the
   * entry's read revision; deletes the entry. @returns whether it committed.
   */
  dropEntry(fence: Fence, entry: Stored<QueuedInstance>): Promise<boolean> {
    return succeeded(
      this.fenced(fence)
        .and(entry.key, 'Mod', '==', entry.mod)
        .then(this.etcd.delete().key(entry.key)),
    );
  }

  /**
   * Queues an instance under its ticket: compares the fence and that its entry does not exist
   * (version 0); writes the entry. @returns whether it committed (false: already queued, or shard moved).
   */
  putEntry(fence: Fence, workflow: string, entry: QueuedInstance): Promise<boolean> {
    const key = this.keys.queueEntry(fence.shard, workflow, entry.ticket);
    return succeeded(
      this.fenced(fence)
        .and(key, 'Version', '==', 0)
        .then(this.etcd.put(key).value(JSON.stringify(toEntryValue(entry)))),
    );
  }

  /**
   * Records a waiting instance's new owner after a failover: compares the fence and the
   * entry's read revision; rewrites the entry with `owner` and `epoch`. @returns whether it
   * committed.
   */
  moveEntryOwner(
    fence: Fence,
    entry: Stored<QueuedInstance>,
    owner: string,
    epoch: bigint,
  ): Promise<boolean> {
    const moved = toEntryValue({ ...entry.value, owner, epoch });
    return succeeded(
      this.fenced(fence)
        .and(entry.key, 'Mod', '==', entry.mod)
        .then(this.etcd.put(entry.key).value(JSON.stringify(moved))),
    );
  }

  /**
   * Discards a waiting instance (SERIAL_PRIORITY): compares the fence and the entry's read
   * revision; deletes the entry and writes `tombstone` under the definition's discarded keys.
   * @returns whether it committed.
   */
  discardEntry(
    fence: Fence,
    workflow: string,
    entry: Stored<QueuedInstance>,
    tombstone: Tombstone,
  ): Promise<boolean> {
    const tombKey = this.keys.discardedEntry(fence.shard, workflow, entry.value.instanceId);
    return succeeded(
      this.fenced(fence)
        .and(entry.key, 'Mod', '==', entry.mod)
        .then(
          this.etcd.delete().key(entry.key),
          this.etcd.put(tombKey).value(JSON.stringify(tombstone)),
        ),
    );
  }

  /**
   * Records the slot holder's new owner after a failover: compares the fence and the slot's
   * read revision; rewrites the slot with `owner` and `epoch` (instance and `since` kept).
   * @returns whether it committed.
   */
  rewriteHolder(
    fence: Fence,
    slot: Stored<SlotHolder>,
    owner: string,
    epoch: bigint,
  ): Promise<boolean> {
    const holder = toSlotValue({ ...slot.value, owner, epoch });
    return succeeded(
      this.fenced(fence)
        .and(slot.key, 'Mod', '==', slot.mod)
        .then(this.etcd.put(slot.key).value(JSON.stringify(holder))),
    );
  }

  /**
   * Forgets a discarded instance once it has ended: compares the fence only (a tombstone is
   * never rewritten); deletes the tombstone. @returns whether it committed.
   */
  deleteTombstone(fence: Fence, tombstone: Stored<Tombstone>): Promise<boolean> {
    return succeeded(this.fenced(fence).then(this.etcd.delete().key(tombstone.key)));
  }

  /** A transaction that only commits while this coordinator still owns the shard. */
  private fenced(fence: Fence): ComparatorBuilder {
    return this.etcd.if(this.keys.shard(fence.shard), 'Create', '==', fence.revision.toString());
  }
}

async function succeeded(txn: ComparatorBuilder): Promise<boolean> {
  return (await txn.commit()).succeeded;
}
