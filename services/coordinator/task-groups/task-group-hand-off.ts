import { ConflictError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/log.js';
import { racePoint } from '../../../shared/race-points.js';
import type { TaskGroupEntryValue } from '../../../shared/task-groups/task-group-values.js';
import type { Fence } from '../serial-ports.js';
import type { TaskGroupRecords } from './task-group-records.js';
import type { TaskGroupStore } from './task-group-store.js';

/** Conflicting commits (something changed between read and commit) retried before giving up. */
export const TASK_GROUP_MAX_ATTEMPTS = 10;

/** Waiting entries read per hand-off; more are admitted by the next round. */
const HEAD = 64;

/** At most this many slots freed, entries dropped, and entries admitted per transaction (etcd
 * refuses a transaction of more than 128 operations by default). */
const PER_TXN = 30;

/** Tells an admitted attempt's owning master that it may dispatch (fire and forget). */
export interface TaskGroupNotifier {
  notifyTaskGroup(owner: string, group: string, admitted: TaskGroupEntryValue): void;
}

export interface SettleResult {
  /** Task instance ids whose slots were freed. */
  freed: string[];
  /** Task instance ids admitted. */
  admitted: string[];
  /** Task instance ids holding a slot after it (as read, plus those admitted). */
  holders: string[];
}

/**
 * The group's hand-off: frees the slots of attempts MySQL shows ended, drops waiting entries of
 * ended attempts, and admits the queue head while fewer than `size` attempts hold a slot — all
 * in ONE transaction that compares the group's holders counter, so the count it decided on is
 * the count it commits against (T1). Called after every acquire and release, after a resize,
 * and by the reconciler (so a lost release or push is a delay, never a leak: T2). A shrink
 * frees nothing: holders run to their end and nobody is admitted until fewer than `size` hold.
 */
export class TaskGroupHandOff {
  constructor(
    private readonly store: TaskGroupStore,
    private readonly records: TaskGroupRecords,
    private readonly notifier: TaskGroupNotifier,
    private readonly log: Logger,
  ) {}

  /** @throws ConflictError when the group kept changing under it (retryable). */
  async settle(fence: Fence, group: string): Promise<SettleResult> {
    const result: SettleResult = { freed: [], admitted: [], holders: [] };
    for (let attempt = 0; attempt < TASK_GROUP_MAX_ATTEMPTS; attempt += 1) {
      const [size, snap] = await Promise.all([
        this.records.size(group),
        this.store.snapshot(fence.shard, group, HEAD),
      ]);
      const ended = await this.records.ended([
        ...snap.slots.map((s) => s.value),
        ...snap.head.map((e) => e.value),
      ]);
      const endedSlots = snap.slots.filter((s) => ended.has(s.value.taskInstanceId));
      const free = endedSlots.slice(0, PER_TXN);
      // Slots of ended attempts beyond this transaction's share still count as held.
      const kept = snap.slots.length - free.length;
      const endedHead = snap.head.filter((e) => ended.has(e.value.taskInstanceId));
      const drop = endedHead.slice(0, PER_TXN);
      const room = Math.min(PER_TXN, Math.max(0, (size ?? 0) - kept));
      const admit = snap.head.filter((e) => !ended.has(e.value.taskInstanceId)).slice(0, room);
      const capped = endedSlots.length > free.length || endedHead.length > drop.length;
      result.holders = snap.slots
        .filter((s) => !free.includes(s))
        .map((s) => s.value.taskInstanceId);
      if (free.length + drop.length + admit.length === 0) return result;

      await racePoint('coordinator.task-group.before-txn', group);
      if (!(await this.store.applyChange(fence, group, snap.holdersMod, { free, admit, drop })))
        continue;
      for (const e of admit) this.notifier.notifyTaskGroup(e.value.owner, group, e.value);
      result.freed.push(...free.map((s) => s.value.taskInstanceId));
      result.admitted.push(...admit.map((e) => e.value.taskInstanceId));
      result.holders.push(...admit.map((e) => e.value.taskInstanceId));
      this.log.debug(
        { group, freed: result.freed, admitted: result.admitted, size },
        'task group hand-off',
      );
      // A full read of the head may hide more to admit or drop behind it: look again.
      if (snap.head.length < HEAD && !capped && admit.length < PER_TXN) return result;
    }
    throw new ConflictError(`task group ${group} kept changing under its hand-off`);
  }
}
