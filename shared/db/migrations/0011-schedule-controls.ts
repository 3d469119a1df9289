import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Schedule controls (issue 15): a definition's schedule can be taken offline and back online
 * without a new version, so the state lives on the definition (`workflows`), not on a version.
 * `schedule_state_at` is when it last changed: the fire times that passed while it was offline
 * are not "missed" (a resume does not fire them).
 */
export const scheduleControls: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      ALTER TABLE workflows
        ADD COLUMN schedule_state VARCHAR(8) NOT NULL DEFAULT 'ONLINE',
        ADD COLUMN schedule_state_at DATETIME(3) NULL`.execute(db);
  },
};
