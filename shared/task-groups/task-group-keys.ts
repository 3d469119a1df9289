const pad = (n: number): string => String(n).padStart(4, '0');

/** Task priorities, 0-9: a higher one is admitted first. */
export const MAX_TASK_GROUP_PRIORITY = 9;

/**
 * Where task groups' slots and queues live in etcd (under the cluster prefix). A group belongs
 * to the serial shard `shardOf(name)`: the same shard claims fence its writes, so the coordinator
 * owning that shard is the group's single writer.
 *
 * - `taskgroups/<k>/<group>/holders`              → revision counter: every change of the set of
 *                                                   holders rewrites it, and every admission
 *                                                   compares it, so no admission counts holders
 *                                                   that changed since it read them
 * - `taskgroups/<k>/<group>/slots/<attempt20>`    → a held slot (TaskGroupSlotValue), keyed by the
 *                                                   task attempt (its task instance id)
 * - `taskgroups/<k>/<group>/queue/<9-p><attempt20>` → a waiting attempt (TaskGroupEntryValue): key
 *                                                   order is admission order, priority first
 *                                                   (higher first), then the attempt id, which
 *                                                   grows with submission
 */
export class TaskGroupKeys {
  constructor(readonly prefix: string) {}

  shardData(k: number): string {
    return `${this.prefix}taskgroups/${pad(k)}/`;
  }

  group(k: number, group: string): string {
    return `${this.shardData(k)}${group}/`;
  }

  /** The group a key under `shardData(k)` belongs to. */
  groupOfKey(k: number, key: string): string | undefined {
    const data = this.shardData(k);
    return key.startsWith(data) ? key.slice(data.length).split('/')[0] : undefined;
  }

  holders(k: number, group: string): string {
    return `${this.group(k, group)}holders`;
  }

  slots(k: number, group: string): string {
    return `${this.group(k, group)}slots/`;
  }

  slot(k: number, group: string, taskInstanceId: string): string {
    return `${this.slots(k, group)}${taskInstanceId.padStart(20, '0')}`;
  }

  queue(k: number, group: string): string {
    return `${this.group(k, group)}queue/`;
  }

  queueEntry(k: number, group: string, priority: number, taskInstanceId: string): string {
    const rank = MAX_TASK_GROUP_PRIORITY - priority;
    return `${this.queue(k, group)}${rank}${taskInstanceId.padStart(20, '0')}`;
  }
}
