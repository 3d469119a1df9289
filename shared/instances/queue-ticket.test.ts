import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-env.js';
import { queueTicketOf } from './queue-ticket.js';
import { lockInstance, reopenInstance } from './reopen-instance.js';

/**
 * Issue 14: an instance carried on in place re-enters its serial queue at the tail. Its new
 * ticket comes from the instances' own id sequence: larger than every id before the reopen,
 * smaller than every id after it, and the placeholder that drew it leaves nothing behind.
 */
describe('queue tickets on a real MariaDB', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase('queue-ticket');
    db = connectDb(database.url, { poolSize: 2 });
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  async function newInstance(executionType: string, state = 'SUBMITTED'): Promise<string> {
    const now = new Date();
    const inserted = await db
      .insertInto('workflow_instances')
      .values({
        workflow: 'wf',
        version: 1,
        execution_type: executionType,
        state,
        params: '{}',
        change_actor: 'test',
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    return String(inserted.insertId);
  }

  const reopen = (id: string): Promise<void> =>
    db.transaction().execute(async (trx) => {
      await reopenInstance(trx, await lockInstance(trx, id), { actor: 'test', reason: 'recover' });
    });

  const row = (id: string) =>
    db.selectFrom('workflow_instances').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('a new instance waits under its id', async () => {
    const id = await newInstance('SERIAL_WAIT');
    expect(queueTicketOf(await row(id))).toBe(id);
  });

  it('a reopened serial instance draws a ticket after every earlier id and before later ones', async () => {
    const a = await newInstance('SERIAL_WAIT', 'FAILURE');
    const b = await newInstance('SERIAL_WAIT');
    const c = await newInstance('SERIAL_WAIT');
    const changesBefore = await db.selectFrom('state_changes').select('id').execute();
    await reopen(a);
    const d = await newInstance('SERIAL_WAIT');

    const reopened = await row(a);
    const ticket = BigInt(queueTicketOf(reopened));
    expect(reopened).toMatchObject({ state: 'SUBMITTED', round: 1 });
    expect(reopened.queue_ticket_at).not.toBeNull();
    expect(ticket > BigInt(c)).toBe(true);
    expect(ticket < BigInt(d)).toBe(true);
    expect([a, b, c, d].map((id) => BigInt(id))).not.toContain(ticket);
    // The placeholder is gone, and so is what its insert trigger wrote: only A's change is new.
    const ids = (await db.selectFrom('workflow_instances').select('id').execute()).map((r) => r.id);
    expect(ids).not.toContain(ticket.toString());
    const changes = await db
      .selectFrom('state_changes')
      .select(['instance_id', 'to_state'])
      .where('id', 'not in', changesBefore.length === 0 ? ['0'] : changesBefore.map((c) => c.id))
      .execute();
    expect(changes).toEqual([
      { instance_id: a, to_state: 'SUBMITTED' },
      { instance_id: d, to_state: 'SUBMITTED' },
    ]);
  });

  it('each reopen draws a new ticket; a PARALLEL instance draws none', async () => {
    const a = await newInstance('SERIAL_WAIT', 'STOP');
    await reopen(a);
    const first = queueTicketOf(await row(a));
    await db.updateTable('workflow_instances').set({ state: 'STOP' }).where('id', '=', a).execute();
    await reopen(a);
    expect(BigInt(queueTicketOf(await row(a))) > BigInt(first)).toBe(true);

    const p = await newInstance('PARALLEL', 'FAILURE');
    await reopen(p);
    expect(await row(p)).toMatchObject({ round: 1, queue_ticket: null, queue_ticket_at: null });
  });
});
