import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Repairing runs (issue 14): an instance's `round` counts how often it was carried on in place
 * (recovered from FAILURE, resumed from STOP or PAUSE); each task attempt stores the round it
 * was made in. The planner counts a task's failures in the current round only (a recovered task
 * has its retries again) and plans again what ended FAILURE, KILL or SKIPPED in an earlier one.
 * `start_tasks` / `start_scope` keep a start-from-tasks request (JSON list; FROM, ONLY or TO):
 * the tasks outside that set end SKIPPED without running, in every round of the instance.
 * `rerun_tasks` (JSON list) names the tasks a `recover --from` runs again in the current round
 * even though they succeeded before. `pause_requested` is a pause recorded by the api and carried out by the owning master, as
 * `stop_requested` is.
 */
export const repairRounds: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      ALTER TABLE workflow_instances
        ADD COLUMN round INT NOT NULL DEFAULT 0,
        ADD COLUMN pause_requested TINYINT NOT NULL DEFAULT 0,
        ADD COLUMN start_tasks TEXT NULL,
        ADD COLUMN start_scope VARCHAR(8) NULL,
        ADD COLUMN rerun_tasks TEXT NULL`.execute(db);
    await sql`ALTER TABLE task_instances ADD COLUMN round INT NOT NULL DEFAULT 0`.execute(db);
  },
};
