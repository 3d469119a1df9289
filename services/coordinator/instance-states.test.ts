import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, type Db } from '../../shared/db/connect.js';
import { migrateToLatest } from '../../shared/db/migrate.js';
import { lockInstance, reopenInstance } from '../../shared/instances/reopen-instance.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-env.js';
import { InstanceStates } from './instance-states.js';

/**
 * What the coordinator reads from MySQL about re-entered instances (issue 14): the admission
 * of an instance's earlier round is stale once it was carried on, and a re-entry not queued
 * yet holds back only the heads with a higher ticket.
 */
describe('InstanceStates on a real MariaDB', () => {
  let database: TestDatabase;
  let db: Db;
  let states: InstanceStates;

  beforeAll(async () => {
    database = await createTestDatabase('instance-states');
    db = connectDb(database.url, { poolSize: 2 });
    await migrateToLatest(db);
    states = new InstanceStates(db, 60_000);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  async function newInstance(workflow: string, state: string): Promise<string> {
    const now = new Date();
    const inserted = await db
      .insertInto('workflow_instances')
      .values({
        workflow,
        version: 1,
        execution_type: 'SERIAL_WAIT',
        state,
        params: '{}',
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    return String(inserted.insertId);
  }

  async function recover(id: string): Promise<string> {
    await db.transaction().execute(async (trx) => {
      await reopenInstance(trx, await lockInstance(trx, id), { actor: 'test', reason: 'recover' });
    });
    const row = await db
      .selectFrom('workflow_instances')
      .select('queue_ticket')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.queue_ticket!;
  }

  it('the earlier round of a recovered instance is stale, its new ticket is not', async () => {
    const a = await newInstance('s1', 'FAILURE');
    const b = await newInstance('s1', 'SERIAL_WAIT');
    const ended = await newInstance('s1', 'SUCCESS');
    expect(await states.stale([{ instanceId: a, ticket: a, round: 0 }])).toEqual(new Set([a]));
    const ticket = await recover(a);
    const stale = await states.stale([
      { instanceId: a, ticket: a, round: 0 },
      { instanceId: a, ticket, round: 1 },
      { instanceId: b, ticket: b, round: 0 },
      { instanceId: ended, ticket: ended, round: 0 },
      { instanceId: '999999', ticket: '999999', round: 0 },
    ]);
    expect(stale).toEqual(new Set([a, ended, '999999']));
  });

  it('the lowest unqueued admission is by ticket: a recovered instance counts from its reopen', async () => {
    const a = await newInstance('s2', 'FAILURE');
    await newInstance('s2', 'SERIAL_WAIT');
    expect(await states.lowestUnqueued('s2')).toBeUndefined();
    const ticket = await recover(a);
    expect(await states.lowestUnqueued('s2')).toBe(ticket);
    const c = await newInstance('s2', 'SUBMITTED');
    expect(await states.lowestUnqueued('s2')).toBe(ticket);
    expect(BigInt(ticket) < BigInt(c)).toBe(true);
    // Long after the reopen, the re-entry no longer holds anyone back (liveness over order).
    await db
      .updateTable('workflow_instances')
      .set({ queue_ticket_at: new Date(Date.now() - 120_000) })
      .where('id', '=', a)
      .execute();
    expect(await states.lowestUnqueued('s2')).toBe(c);
  });
});
