import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The workflow language (issue 13): every instance's business time, and what a task attempt
 * produced besides its state.
 * - `schedule_time`: the time an instance runs "as of" (the fire time, the time given at start,
 *   else its creation); date params and DEPENDENT windows are computed from it. Rows from before
 *   this migration take their fire time or creation time. DEPENDENT tasks look instances up by
 *   (workflow, schedule_time), hence the key.
 * - `outputs`: JSON object of the OUT params of a successful attempt.
 * - `decision`: JSON of a CONDITIONS or SWITCH attempt's decision and the values it read,
 *   written in the same fenced update that ends the attempt (invariant D1: decided once).
 */
export const workflowLanguage: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      ALTER TABLE workflow_instances
        ADD COLUMN schedule_time DATETIME(3) NULL,
        ADD KEY ix_workflow_schedule_time (workflow, schedule_time)`.execute(db);
    await sql`
      UPDATE workflow_instances SET schedule_time = COALESCE(scheduled_at, created_at)`.execute(db);
    await sql`
      ALTER TABLE task_instances
        ADD COLUMN outputs TEXT NULL,
        ADD COLUMN decision TEXT NULL`.execute(db);
  },
};
