import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A scheduled instance records the fire time that started it. The UNIQUE key makes each fire
 * time start at most one instance, even if two masters briefly both think they lead.
 */
export const scheduledFires: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      ALTER TABLE workflow_instances
        ADD COLUMN scheduled_at DATETIME(3) NULL,
        ADD UNIQUE KEY uq_schedule_fire (workflow, scheduled_at)`.execute(db);
  },
};
