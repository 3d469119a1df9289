import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Idempotent requests and labels (issue 16).
 *
 * `request_ids`: one row per (caller, request id) a mutating api call was given, written in the
 * same transaction as what the call changed, so "this request was carried out" and its effect
 * commit together. The UNIQUE key is what makes a repeated request answer the first one's
 * result even when two replicas race (a cache could not). `args_sha256` is the hash of the
 * call's canonical arguments: the same id with other arguments is refused. Rows older than the
 * api's REQUEST_ID_RETENTION are purged in batches (ix_request_ids_created).
 *
 * Labels: the map as JSON on the instance (what GetInstance returns) and one row per label in
 * `instance_labels` for selectors: (label_key, label_value, instance_id) serves `k=v` and `k`,
 * the primary key serves the per-instance checks of `k!=v` and `!k`. Keys and values are ASCII
 * by validation, so the index fits InnoDB's key length. A backfill keeps the labels it was
 * started with, and gives them to each instance it starts. Two more instance indexes let the
 * paged, filtered ListInstances walk ids newest first without sorting.
 */
export const requestIdsAndLabels: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE request_ids (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        caller VARCHAR(255) NOT NULL,
        request_id VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        method VARCHAR(32) NOT NULL,
        args_sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
        target_kind VARCHAR(16) NOT NULL,
        target VARCHAR(32) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_request_ids_caller (caller, request_id),
        KEY ix_request_ids_created (created_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`.execute(db);
    await sql`
      CREATE TABLE instance_labels (
        instance_id BIGINT UNSIGNED NOT NULL,
        label_key VARCHAR(317) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        label_value VARCHAR(63) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        PRIMARY KEY (instance_id, label_key),
        KEY ix_instance_labels_pair (label_key, label_value, instance_id)
      ) ENGINE=InnoDB`.execute(db);
    await sql`
      ALTER TABLE workflow_instances
        ADD COLUMN labels TEXT NULL,
        ADD KEY ix_instances_workflow_id (workflow, id),
        ADD KEY ix_instances_rerun_of (rerun_of)`.execute(db);
    await sql`ALTER TABLE backfills ADD COLUMN labels TEXT NULL`.execute(db);
  },
};
