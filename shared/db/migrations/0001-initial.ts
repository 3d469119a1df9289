import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The first schema. Instances carry what serial execution and failover need from day one:
 * the execution type, the owner and its epoch (the fencing token every write checks), and the
 * parent link under a UNIQUE key so a child is created at most once per parent task attempt.
 */
export const initialSchema: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE workflows (
        name VARCHAR(128) NOT NULL PRIMARY KEY,
        latest_version INT NOT NULL,
        execution_type VARCHAR(24) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`.execute(db);
    await sql`
      CREATE TABLE workflow_versions (
        name VARCHAR(128) NOT NULL,
        version INT NOT NULL,
        spec LONGTEXT NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (name, version)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`.execute(db);
    await sql`
      CREATE TABLE workflow_instances (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        workflow VARCHAR(128) NOT NULL,
        version INT NOT NULL,
        execution_type VARCHAR(24) NOT NULL,
        state VARCHAR(24) NOT NULL,
        params LONGTEXT NOT NULL,
        owner VARCHAR(128) NULL,
        owner_epoch BIGINT NOT NULL DEFAULT 0,
        parent_instance_id BIGINT UNSIGNED NULL,
        parent_task VARCHAR(128) NULL,
        parent_task_attempt INT NULL,
        stop_requested TINYINT(1) NOT NULL DEFAULT 0,
        stop_reason VARCHAR(255) NULL,
        created_at DATETIME(3) NOT NULL,
        started_at DATETIME(3) NULL,
        ended_at DATETIME(3) NULL,
        updated_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_child_per_parent_attempt (parent_instance_id, parent_task, parent_task_attempt),
        KEY ix_workflow_state (workflow, state),
        KEY ix_state (state),
        KEY ix_created (created_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`.execute(db);
    await sql`
      CREATE TABLE task_instances (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        instance_id BIGINT UNSIGNED NOT NULL,
        task VARCHAR(128) NOT NULL,
        type VARCHAR(24) NOT NULL,
        attempt INT NOT NULL,
        state VARCHAR(24) NOT NULL,
        worker VARCHAR(128) NULL,
        child_instance_id BIGINT UNSIGNED NULL,
        exit_code INT NULL,
        created_at DATETIME(3) NOT NULL,
        started_at DATETIME(3) NULL,
        ended_at DATETIME(3) NULL,
        updated_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_task_attempt (instance_id, task, attempt)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`.execute(db);
    await sql`
      CREATE TABLE state_changes (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        instance_id BIGINT UNSIGNED NOT NULL,
        task VARCHAR(128) NULL,
        attempt INT NULL,
        from_state VARCHAR(24) NULL,
        to_state VARCHAR(24) NOT NULL,
        actor VARCHAR(128) NOT NULL,
        epoch BIGINT NOT NULL,
        reason VARCHAR(512) NULL,
        at DATETIME(6) NOT NULL,
        KEY ix_instance (instance_id, id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`.execute(db);
  },
};
