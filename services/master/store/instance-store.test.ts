import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, type Db } from '../../../shared/db/connect.js';
import { migrateToLatest } from '../../../shared/db/migrate.js';
import { OwnershipLostError } from '../../../shared/errors.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-env.js';
import { ClaimStore } from './claim-store.js';
import { InstanceStore } from './instance-store.js';

/**
 * The fence itself (F1): a master whose own lease check passed just before it was paused
 * (so `assertLive` lets it through) writes after another master claimed the instance with a
 * newer epoch. Every kind of write must fail with OwnershipLostError and change nothing.
 */
describe('InstanceStore fencing on a real MariaDB', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase('fencing');
    db = connectDb(database.url, { poolSize: 2 });
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  async function newInstance(scheduleTime?: Date): Promise<string> {
    const now = new Date();
    const inserted = await db
      .insertInto('workflow_instances')
      .values({
        workflow: 'wf',
        version: 1,
        execution_type: 'PARALLEL',
        state: 'SUBMITTED',
        params: '{}',
        owner: null,
        change_actor: 'test',
        schedule_time: scheduleTime,
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    return String(inserted.insertId);
  }

  async function snapshot(id: string) {
    const instance = await db
      .selectFrom('workflow_instances')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const tasks = await db
      .selectFrom('task_instances')
      .selectAll()
      .where('instance_id', '=', id)
      .execute();
    const history = await db
      .selectFrom('state_changes')
      .selectAll()
      .where('instance_id', '=', id)
      .orderBy('id')
      .execute();
    const children = await db
      .selectFrom('workflow_instances')
      .select('id')
      .where('parent_instance_id', '=', id)
      .execute();
    return { instance, tasks, history, children };
  }

  it('refuses every write of the old owner once a newer epoch claimed the instance', async () => {
    const id = await newInstance();
    const zombie = new InstanceStore(db, 'master-old', () => undefined);
    const successor = new InstanceStore(db, 'master-new', () => undefined);
    expect(await new ClaimStore(db, 'master-old', () => undefined).claim(id, 100n)).toBeDefined();
    await zombie.transitionInstance(
      id,
      100n,
      'SUBMITTED',
      'RUNNING',
      { startedAt: new Date() },
      'started',
    );
    const taskId = await zombie.insertTask(
      id,
      100n,
      { name: 'a', type: 'SHELL', attempt: 1 },
      { worker: 'worker-1' },
    );
    expect(await new ClaimStore(db, 'master-new', () => undefined).claim(id, 200n)).toBeDefined();
    const before = await snapshot(id);

    const attempts: [string, () => Promise<unknown>][] = [
      ['state', () => zombie.transitionInstance(id, 100n, 'RUNNING', 'READY_STOP', {}, 'stop')],
      ['task insert', () => zombie.insertTask(id, 100n, { name: 'b', type: 'SHELL', attempt: 1 })],
      [
        'task state',
        () =>
          zombie.transitionTask(
            id,
            100n,
            { id: taskId, name: 'a', attempt: 1 },
            'DISPATCHED',
            'RUNNING',
            {},
            '',
          ),
      ],
      ['note', () => zombie.note(id, 100n, 'RUNNING', 'warning: late')],
      [
        'child',
        () =>
          zombie.createChild(
            id,
            100n,
            { workflow: 'c', version: 1, executionType: 'PARALLEL', params: {} },
            { name: 's', attempt: 1 },
          ),
      ],
    ];
    for (const [what, attempt] of attempts) {
      await expect(attempt(), what).rejects.toBeInstanceOf(OwnershipLostError);
    }
    expect(await snapshot(id)).toEqual(before);

    // The successor's writes go through, under its own epoch.
    await successor.transitionTask(
      id,
      200n,
      { id: taskId, name: 'a', attempt: 1 },
      'DISPATCHED',
      'RUNNING',
      {},
      'taken over',
    );
    const after = await snapshot(id);
    expect(after.history.at(-1)).toMatchObject({
      actor: 'master-new',
      epoch: '200',
      to_state: 'RUNNING',
      task: 'a',
    });
  });

  it('a stale claim (older epoch than the row) is moot, one by one or in a batch', async () => {
    const id = await newInstance();
    expect(await new ClaimStore(db, 'master-new', () => undefined).claim(id, 300n)).toBeDefined();
    expect(await new ClaimStore(db, 'master-old', () => undefined).claim(id, 250n)).toBeUndefined();
    expect(await new ClaimStore(db, 'master-old', () => undefined).claimMany([id], 250n)).toEqual(
      [],
    );
    expect((await snapshot(id)).instance).toMatchObject({
      owner: 'master-new',
      owner_epoch: '300',
    });
  });

  it('a batch claim takes only the instances that still need an owner', async () => {
    const [a, b] = [await newInstance(), await newInstance()];
    await db
      .updateTable('workflow_instances')
      .set({ state: 'SUCCESS' })
      .where('id', '=', b)
      .execute();
    const claimed = await new ClaimStore(db, 'master-z', () => undefined).claimMany([a, b], 500n);
    expect(claimed.map((r) => [r.id, r.owner, r.owner_epoch])).toEqual([[a, 'master-z', '500']]);
    expect((await snapshot(b)).instance.owner).toBeNull();
    expect((await snapshot(a)).history.at(-1)).toMatchObject({
      actor: 'master-z',
      epoch: '500',
      reason: 'claimed',
    });
  });

  it("a child runs as of its parent's schedule time; a parent's NULL one reads as its creation", async () => {
    const given = new Date('2026-03-01T00:00:00.250Z');
    const store = new InstanceStore(db, 'master-c', () => undefined);
    const childOf = async (parentId: string, epoch: bigint) => {
      await new ClaimStore(db, 'master-c', () => undefined).claim(parentId, epoch);
      const childId = await store.createChild(
        parentId,
        epoch,
        { workflow: 'c', version: 1, executionType: 'PARALLEL', params: {} },
        { name: 's', attempt: 1 },
      );
      return (await snapshot(childId)).instance.schedule_time;
    };
    expect(await childOf(await newInstance(given), 600n)).toEqual(given);
    // A row recorded by a process from before migration 0008 (a rolling upgrade).
    const legacy = await newInstance();
    expect((await snapshot(legacy)).instance.schedule_time).toBeNull();
    expect(await childOf(legacy, 700n)).toEqual((await snapshot(legacy)).instance.created_at);
  });

  it('a master whose lease is not fresh writes nothing at all', async () => {
    const id = await newInstance();
    await new ClaimStore(db, 'master-a', () => undefined).claim(id, 400n);
    const stale = new InstanceStore(db, 'master-a', () => {
      throw new OwnershipLostError('lease not fresh');
    });
    const before = await snapshot(id);
    await expect(
      stale.transitionInstance(id, 400n, 'SUBMITTED', 'RUNNING', {}, ''),
    ).rejects.toBeInstanceOf(OwnershipLostError);
    expect(await snapshot(id)).toEqual(before);
  });
});
