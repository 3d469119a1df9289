import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The W3C traceparent an instance's work hangs under. Whoever runs the instance (its first
 * master, or one that takes it over) continues this trace, so one instance is one trace.
 */
export const traceParent: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE workflow_instances ADD COLUMN trace_parent VARCHAR(64) NULL`.execute(db);
  },
};
