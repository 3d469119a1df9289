import type { Db } from '../../shared/db/connect.js';

/** Every table an api call can write: a refused call must leave all of their counts as they were. */
const API_WRITTEN_TABLES = [
  'workflows',
  'workflow_versions',
  'workflow_instances',
  'task_instances',
  'state_changes',
  'api_tokens',
  'audit_events',
  'request_ids',
  'instance_labels',
] as const;

/** Row counts of those tables, to compare before and after a call. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of API_WRITTEN_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
