import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Task groups (issue 15): a group's size is durable configuration, so it lives in MySQL; its
 * slots and queue live in etcd (coordinators). Groups are created and resized, never deleted:
 * a definition that names a group can rely on it existing. Task attempts need no new column:
 * WAITING_GROUP fits `task_instances.state` (VARCHAR), and the state-change triggers record it.
 */
export const taskGroups: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE task_groups (
        name VARCHAR(128) NOT NULL PRIMARY KEY,
        size INT NOT NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL
      )`.execute(db);
  },
};
