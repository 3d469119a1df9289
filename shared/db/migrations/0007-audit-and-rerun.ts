import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Who applied, started, stopped or reran what, and when. A row is written in the same
 * transaction as the change it records, so there is never one without the other. `action` is a
 * VARCHAR rather than an ENUM so new audited actions need no migration. `rerun_of` links a rerun
 * instance to the ended one it repeats.
 */
export const auditAndRerun: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE audit_events (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        at DATETIME(3) NOT NULL,
        actor VARCHAR(128) NOT NULL,
        action VARCHAR(24) NOT NULL,
        target_kind VARCHAR(16) NOT NULL,
        target VARCHAR(160) NOT NULL,
        detail TEXT NOT NULL,
        KEY ix_audit_at (at),
        KEY ix_audit_actor_at (actor, at),
        KEY ix_audit_target (target_kind, target)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`.execute(db);
    await sql`ALTER TABLE workflow_instances ADD COLUMN rerun_of BIGINT UNSIGNED NULL`.execute(db);
  },
};
