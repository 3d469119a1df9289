import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, type Db } from '../../../shared/db/connect.js';
import { migrateToLatest } from '../../../shared/db/migrate.js';
import type { AlertEvent } from '../../../shared/domain/workflow-spec.js';
import { OwnershipLostError } from '../../../shared/errors.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-env.js';
import { AlertOutboxStore } from './alert-outbox-store.js';
import { ClaimStore } from './claim-store.js';
import { InstanceStore } from './instance-store.js';

/**
 * The alert outbox on a real MariaDB: an event row commits with the change that causes it and
 * never without it; senders' claims are disjoint and leased.
 */
describe('alert outbox', () => {
  let database: TestDatabase;
  let db: Db;
  const live = (): void => undefined;

  beforeAll(async () => {
    database = await createTestDatabase('alert-outbox');
    db = connectDb(database.url, { poolSize: 4 });
    await migrateToLatest(db);
    await definition('alerted', ['FAILURE', 'FAILOVER']);
    await definition('quiet', null);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  async function definition(name: string, on: AlertEvent[] | null): Promise<void> {
    const now = new Date();
    await db
      .insertInto('workflows')
      .values({
        name,
        latest_version: 1,
        execution_type: 'PARALLEL',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const alerts = on === null ? null : { channel: 'ops', on };
    await db
      .insertInto('workflow_versions')
      .values({
        name,
        version: 1,
        spec: JSON.stringify({ name, alerts, tasks: [] }),
        created_at: now,
      })
      .execute();
  }

  async function instance(workflow: string): Promise<string> {
    const now = new Date();
    const inserted = await db
      .insertInto('workflow_instances')
      .values({
        workflow,
        version: 1,
        execution_type: 'PARALLEL',
        state: 'RUNNING',
        params: '{}',
        owner: null,
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    return String(inserted.insertId);
  }

  const eventsOf = (id: string) =>
    db.selectFrom('alert_events').selectAll().where('instance_id', '=', id).orderBy('id').execute();

  it('queues an event with its fenced change, in the state the change left', async () => {
    const id = await instance('alerted');
    await new ClaimStore(db, 'm1', live).claim(id, 10n);
    const store = new InstanceStore(db, 'm1', live);
    await store.transitionInstance(id, 10n, 'RUNNING', 'FAILURE', { alert: 'FAILURE' }, 'boom');
    const events = await eventsOf(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      channel: 'ops',
      event: 'FAILURE',
      instance_state: 'FAILURE',
      reason: 'boom',
      epoch: '10',
      status: 'PENDING',
      attempts: 0,
    });
    expect(events[0]!.event_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a fenced-out change queues nothing (nothing half-written)', async () => {
    const id = await instance('alerted');
    await new ClaimStore(db, 'm1', live).claim(id, 20n);
    await new ClaimStore(db, 'm2', live).claim(id, 21n);
    const stale = new InstanceStore(db, 'm1', live);
    await expect(
      stale.transitionInstance(id, 20n, 'RUNNING', 'FAILURE', { alert: 'FAILURE' }, 'late'),
    ).rejects.toBeInstanceOf(OwnershipLostError);
    await expect(
      stale.note(id, 20n, 'RUNNING', 'late', undefined, 'TIMEOUT'),
    ).rejects.toBeInstanceOf(OwnershipLostError);
    expect((await eventsOf(id)).map((e) => e.event)).toEqual(['FAILOVER']);
  });

  it('a take-over is a FAILOVER event (claim and claimMany); a first claim or no alerts is not', async () => {
    const [a, b, c, quiet] = await Promise.all([
      instance('alerted'),
      instance('alerted'),
      instance('alerted'),
      instance('quiet'),
    ]);
    const first = new ClaimStore(db, 'm1', live);
    await first.claimMany([a, b, c, quiet], 30n);
    for (const id of [a, b, c, quiet]) expect(await eventsOf(id)).toEqual([]);
    const second = new ClaimStore(db, 'm2', live);
    await second.claim(a, 31n);
    await second.claimMany([b, c, quiet], 32n);
    for (const id of [a, b, c])
      expect((await eventsOf(id)).map((e) => [e.event, e.reason])).toEqual([
        ['FAILOVER', expect.stringMatching(/^taken over from m1 \(epoch 30\)$/)],
      ]);
    expect(await eventsOf(quiet)).toEqual([]);
  });

  it('senders claim disjoint rows under a lease; a lapsed lease makes the row due again', async () => {
    await sql`UPDATE alert_events SET status = 'DELIVERED'`.execute(db);
    const ids = await Promise.all([1, 2, 3, 4].map(() => instance('alerted')));
    for (const id of ids) {
      await new ClaimStore(db, 'm1', live).claim(id, 40n);
      await new ClaimStore(db, 'm2', live).claim(id, 41n);
    }
    const one = new AlertOutboxStore(db, 'm1');
    const two = new AlertOutboxStore(db, 'm2');
    const [x, y] = await Promise.all([one.claimDue(3, 60_000), two.claimDue(3, 60_000)]);
    const claimed = [...x, ...y].map((r) => r.instance_id).sort();
    expect(claimed).toEqual([...ids].sort());
    expect(await one.claimDue(10, 60_000)).toEqual([]);

    // A short lease that lapses: the row is due again, as attempt 2, for another sender.
    const [held] = x.length > 0 ? x : y;
    await sql`UPDATE alert_events SET next_attempt_at = NOW(3) WHERE id = ${held!.id}`.execute(db);
    const again = await two.claimDue(10, 60_000);
    expect(again.map((r) => [r.id, r.attempts])).toEqual([[held!.id, 2]]);
    // The first claim's failure does not push back the second's; its delivery still counts.
    await one.finish(held!, {
      result: 'failed',
      httpStatus: 503,
      error: 'HTTP 503',
      durationMs: 1,
      retryInMs: 1,
    });
    expect(await two.claimDue(10, 60_000)).toEqual([]);
    await one.finish(held!, { result: 'delivered', httpStatus: 200, durationMs: 1 });
    const row = await db
      .selectFrom('alert_events')
      .selectAll()
      .where('id', '=', held!.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('DELIVERED');
    const attempts = await db
      .selectFrom('alert_deliveries')
      .select(['attempt', 'result', 'sender'])
      .where('alert_event_id', '=', held!.id)
      .orderBy('id')
      .execute();
    expect(attempts).toEqual([
      { attempt: 1, result: 'failed', sender: 'm1' },
      { attempt: 1, result: 'delivered', sender: 'm1' },
    ]);
  });
});
