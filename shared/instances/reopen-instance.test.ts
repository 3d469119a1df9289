/**
 * The guard that keeps a child from being recovered twice for one parent attempt (F2 across a
 * recover; issue 14): reopenChild carries a child on only while its round is below the number
 * of the asking attempt's attachment, under the child row's lock. A second recover of the
 * parent, or its new owner asking again, while the child's recover is in flight or done, finds
 * the child's round already there and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-env.js';
import { reopenChild } from './reopen-instance.js';

describe('reopenChild on a real MariaDB', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase('reopen-child');
    db = connectDb(database.url, { poolSize: 4 });
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  async function failedChild(): Promise<string> {
    const now = new Date();
    const inserted = await db
      .insertInto('workflow_instances')
      .values({
        workflow: 'child',
        version: 1,
        execution_type: 'PARALLEL',
        state: 'FAILURE',
        params: '{}',
        owner: null,
        change_actor: 'test',
        created_at: now,
        updated_at: now,
        ended_at: now,
      })
      .executeTakeFirstOrThrow();
    return String(inserted.insertId);
  }

  const change = { actor: 'test', reason: 'recovered by the parent' };
  const reopenings = async (id: string) =>
    (
      await db
        .selectFrom('state_changes')
        .select('id')
        .where('instance_id', '=', id)
        .where('from_state', '=', 'FAILURE')
        .where('to_state', '=', 'SUBMITTED')
        .execute()
    ).length;

  it('two recovers for the same attempt at once: the child is carried on once', async () => {
    const id = await failedChild();
    const results = await Promise.all([
      reopenChild(db, id, 1, change),
      reopenChild(db, id, 1, change),
      reopenChild(db, id, 1, change),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const row = await db
      .selectFrom('workflow_instances')
      .select(['state', 'round'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'SUBMITTED', round: 1 });
    expect(await reopenings(id)).toBe(1);
  });

  it('asked again for the same attempt after the child failed again: left as it is', async () => {
    const id = await failedChild();
    expect(await reopenChild(db, id, 1, change)).toBe(true);
    await db
      .updateTable('workflow_instances')
      .set({ state: 'FAILURE' })
      .where('id', '=', id)
      .execute();
    expect(await reopenChild(db, id, 1, change)).toBe(false);
    expect(await reopenings(id)).toBe(1);
    // The parent's next attempt (its second attachment) recovers it again.
    expect(await reopenChild(db, id, 2, change)).toBe(true);
    expect(await reopenings(id)).toBe(2);
  });
});
