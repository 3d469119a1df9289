import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Timers that survive a pause and a failover (issue 14). `paused_at` is when the instance's
 * pause committed (RUNNING -> READY_PAUSE), null when it is not paused; `paused_spans` is a JSON
 * list of the pauses that ended, `[[from_ms, to_ms], ...]`. The workflow timeout and retry
 * intervals count only the time the instance was not paused, so after a resume, on whichever
 * master owns it then, each fires with the time that was left when the pause committed.
 * `force_requested` on a task attempt is a force-success the api recorded for a PAUSE instance,
 * for its owner to carry out (an ended instance's tasks are forced by the api itself).
 */
export const pauseClock: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      ALTER TABLE workflow_instances
        ADD COLUMN paused_at DATETIME(3) NULL,
        ADD COLUMN paused_spans TEXT NULL`.execute(db);
    await sql`
      ALTER TABLE task_instances
        ADD COLUMN force_requested TINYINT NOT NULL DEFAULT 0`.execute(db);
  },
};
