import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Backfills (issue 15): a durable request to run a definition once per business date in a
 * range. The elected scheduler master owns every running backfill under its leader term
 * (`owner_epoch`; a write by an older term fails), starts at most `parallel` of its instances
 * at a time, in the order of `fire_times` (a JSON list, already in `asc`/`desc` order), and
 * stores the progress counts. `(backfill_id, schedule_time)` is UNIQUE on the instances, so a
 * date has at most one instance whatever fails, as a fire time has for a schedule.
 */
export const backfills: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE backfills (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        workflow VARCHAR(128) NOT NULL,
        version INT NOT NULL,
        state VARCHAR(16) NOT NULL,
        reason TEXT NULL,
        fire_times MEDIUMTEXT NOT NULL,
        parallel INT NOT NULL,
        date_order VARCHAR(4) NOT NULL,
        on_failure VARCHAR(8) NOT NULL,
        params TEXT NOT NULL,
        owner VARCHAR(255) NULL,
        owner_epoch BIGINT NOT NULL DEFAULT 0,
        done_count INT NOT NULL DEFAULT 0,
        failed_count INT NOT NULL DEFAULT 0,
        running_count INT NOT NULL DEFAULT 0,
        pending_count INT NOT NULL,
        failed_dates MEDIUMTEXT NULL,
        created_by VARCHAR(255) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        ended_at DATETIME(3) NULL,
        KEY ix_backfills_workflow (workflow, id),
        KEY ix_backfills_active (state, running_count)
      )`.execute(db);
    await sql`
      ALTER TABLE workflow_instances
        ADD COLUMN backfill_id BIGINT NULL,
        ADD UNIQUE KEY uq_backfill_date (backfill_id, schedule_time)`.execute(db);
  },
};
