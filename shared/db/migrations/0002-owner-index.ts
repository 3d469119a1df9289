import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Failover looks up a dead master's instances by owner; the reconciler looks up starts whose
 * push was lost by state and age. Both are index range scans instead of full scans.
 */
export const ownerIndex: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`CREATE INDEX ix_owner_state ON workflow_instances (owner, state)`.execute(db);
    await sql`CREATE INDEX ix_state_created ON workflow_instances (state, created_at)`.execute(db);
  },
};
