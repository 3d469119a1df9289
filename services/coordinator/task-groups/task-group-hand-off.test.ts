import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, FailedPreconditionError } from '../../../shared/errors.js';
import { connectEtcd } from '../../../shared/etcd/connect.js';
import { createLogger } from '../../../shared/log.js';
import { SerialKeys } from '../../../shared/serial/serial-keys.js';
import { TaskGroupKeys } from '../../../shared/task-groups/task-group-keys.js';
import type { TaskGroupEntryValue } from '../../../shared/task-groups/task-group-values.js';
import { etcdEndpoint, uniqueEtcdPrefix } from '../../../test/support/test-env.js';
import type { Fence } from '../serial-ports.js';
import { TASK_GROUP_MAX_ATTEMPTS, TaskGroupHandOff } from './task-group-hand-off.js';
import { TaskGroupOperations } from './task-group-operations.js';
import type { AttemptRef } from './task-group-records.js';
import { TaskGroupStore } from './task-group-store.js';

const log = createLogger('coordinator', 'test', 'silent');

/** MySQL as the hand-off sees it: group sizes and the attempts that ended. */
class FakeRecords {
  readonly sizes = new Map<string, number>();
  readonly endedIds = new Set<string>();
  /** Runs once inside the next `ended` read: a write landing between read and commit. */
  interleave: (() => Promise<void>) | undefined;
  size(group: string): Promise<number | undefined> {
    return Promise.resolve(this.sizes.get(group));
  }
  async ended(attempts: readonly AttemptRef[]): Promise<Set<string>> {
    const hook = this.interleave;
    this.interleave = undefined;
    await hook?.();
    return new Set(attempts.map((a) => a.taskInstanceId).filter((id) => this.endedIds.has(id)));
  }
}

describe('task group hand-off on a real etcd', () => {
  const etcd = connectEtcd([etcdEndpoint()]);
  const prefix = uniqueEtcdPrefix('task-groups');
  const keys = new TaskGroupKeys(prefix);
  const shards = new SerialKeys(prefix);
  const store = new TaskGroupStore(etcd, keys, shards);
  let fence: Fence;
  let group = '';
  let n = 0;
  let records: FakeRecords;
  let notified: string[];
  let handOff: TaskGroupHandOff;
  let ops: TaskGroupOperations;

  beforeAll(async () => {
    await etcd.put(shards.shard(0)).value('coordinator-test').exec();
    const claim = await etcd.get(shards.shard(0)).exec();
    fence = { shard: 0, revision: BigInt(claim.kvs[0]!.create_revision) };
  });
  afterAll(() => etcd.close());

  function fresh(size: number): void {
    group = `g${(n += 1)}`;
    records = new FakeRecords();
    records.sizes.set(group, size);
    notified = [];
    handOff = new TaskGroupHandOff(
      store,
      records as never,
      { notifyTaskGroup: (owner, _g, e) => notified.push(`${owner}:${e.taskInstanceId}`) },
      log,
    );
    ops = new TaskGroupOperations({ fenceFor: () => fence }, store, records, handOff, log);
  }

  const attempt = (id: string, priority = 0) => ({
    group,
    instanceId: `i${id}`,
    taskInstanceId: id,
    task: 't',
    attempt: 1,
    priority,
    owner: 'master-a',
    epoch: '1',
  });
  const holders = async (): Promise<string[]> =>
    (await store.snapshot(0, group, 100)).slots.map((s) => s.value.taskInstanceId);
  const queue = async (): Promise<string[]> =>
    (await store.snapshot(0, group, 100)).head.map((e) => e.value.taskInstanceId);

  it('admits up to the size, then queues by priority (higher first), then by attempt id', async () => {
    fresh(2);
    expect(await ops.acquire(attempt('101'))).toEqual({ decision: 'ADMITTED', position: 0 });
    expect(await ops.acquire(attempt('102'))).toEqual({ decision: 'ADMITTED', position: 0 });
    expect(await ops.acquire(attempt('103', 0))).toEqual({ decision: 'QUEUED', position: 1 });
    expect(await ops.acquire(attempt('104', 0))).toEqual({ decision: 'QUEUED', position: 2 });
    // A later, higher-priority attempt goes before the earlier low-priority ones.
    expect(await ops.acquire(attempt('105', 7))).toEqual({ decision: 'QUEUED', position: 1 });
    expect(await holders()).toEqual(['101', '102']);
    expect(await queue()).toEqual(['105', '103', '104']);
    // Asking again is answered from what is stored.
    expect(await ops.acquire(attempt('101'))).toEqual({ decision: 'ADMITTED', position: 0 });
    expect(await ops.acquire(attempt('104', 0))).toEqual({ decision: 'QUEUED', position: 3 });
    expect(notified).toEqual(['master-a:101', 'master-a:102']);
  });

  it('frees a slot only once MySQL shows its attempt ended, admitting the head in the same step', async () => {
    fresh(1);
    await ops.acquire(attempt('201'));
    await ops.acquire(attempt('202'));
    await expect(ops.release(group, '201', 0)).rejects.toBeInstanceOf(FailedPreconditionError);
    expect(await holders()).toEqual(['201']);
    records.endedIds.add('201');
    expect(await ops.release(group, '201', 0)).toEqual({ released: true, admitted: ['202'] });
    expect(await holders()).toEqual(['202']);
    expect(await queue()).toEqual([]);
    // Released twice (a retry after a lost answer): nothing more happens.
    expect(await ops.release(group, '201', 0)).toEqual({ released: false, admitted: [] });
  });

  it('drops the entry of an attempt that ended while it waited (a stop) and never admits it', async () => {
    fresh(1);
    await ops.acquire(attempt('301'));
    await ops.acquire(attempt('302'));
    await ops.acquire(attempt('303'));
    records.endedIds.add('302');
    expect(await ops.release(group, '302', 0)).toEqual({ released: true, admitted: [] });
    expect(await queue()).toEqual(['303']);
    records.endedIds.add('301');
    await ops.admit(group);
    expect(await holders()).toEqual(['303']);
  });

  it('applies a resize at once: growing admits waiters, shrinking lets holders finish', async () => {
    fresh(2);
    for (const id of ['401', '402', '403', '404', '405']) await ops.acquire(attempt(id));
    records.sizes.set(group, 4);
    expect((await ops.admit(group)).admitted).toEqual(['403', '404']);
    records.sizes.set(group, 1);
    expect((await ops.admit(group)).admitted).toEqual([]);
    expect(await holders()).toHaveLength(4);
    for (const id of ['401', '402', '403']) records.endedIds.add(id);
    await ops.admit(group);
    // Three freed, one still runs: at size 1 nobody is admitted yet.
    expect(await holders()).toEqual(['404']);
    records.endedIds.add('404');
    expect((await ops.admit(group)).admitted).toEqual(['405']);
  });

  it('re-reads when the holders changed between its read and its commit, never over-admitting', async () => {
    fresh(2);
    await ops.acquire(attempt('501'));
    await ops.acquire(attempt('502'));
    await ops.acquire(attempt('503'));
    records.endedIds.add('501');
    // Another writer takes the freed room between the read and the commit (a slot appears and
    // the holders counter moves): the commit must fail its compare and decide again.
    records.interleave = async () => {
      const slot = keys.slot(0, group, '599');
      await etcd
        .put(slot)
        .value(JSON.stringify({ ...attempt('599'), since: 'x' }))
        .exec();
      await etcd.put(keys.holders(0, group)).value('moved').exec();
    };
    const result = await ops.admit(group);
    expect(result.freed).toEqual(['501']);
    expect(result.admitted).toEqual([]);
    expect((await holders()).sort()).toEqual(['502', '599']);
    expect(await queue()).toEqual(['503']);
  });

  it('writes nothing under a stale fence (a deposed coordinator)', async () => {
    fresh(1);
    const { instanceId, taskInstanceId, task, priority, owner, epoch } = attempt('601');
    const value: TaskGroupEntryValue = {
      ...{ instanceId, taskInstanceId, task, attempt: 1, priority, owner, epoch },
      queuedAt: 'x',
    };
    const stale: Fence = { shard: 0, revision: fence.revision - 1n };
    expect(await store.putEntry(stale, group, value)).toBe(false);
    expect(await store.putEntry(fence, group, value)).toBe(true);
    await expect(handOff.settle(stale, group)).rejects.toBeInstanceOf(ConflictError);
    expect(await holders()).toEqual([]);
    expect(TASK_GROUP_MAX_ATTEMPTS).toBeGreaterThan(1);
    expect((await handOff.settle(fence, group)).admitted).toEqual(['601']);
  });

  it('refuses an unknown group, naming the field', async () => {
    fresh(1);
    await expect(ops.acquire({ ...attempt('701'), group: 'nope' })).rejects.toMatchObject({
      field: 'group',
    });
  });
});
