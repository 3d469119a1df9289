import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Every state change of an instance or a task attempt is recorded by MySQL itself, in the same
 * statement that makes it: writers set `change_actor` / `change_reason` (and, for tasks,
 * `change_epoch`) beside the new state, and these triggers copy them into `state_changes`. A
 * fenced transition is then one atomic statement (one round trip, no explicit transaction),
 * and no code path can change a state without leaving its record.
 */
export const stateChangeTriggers: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      ALTER TABLE workflow_instances
        ADD COLUMN change_actor VARCHAR(128) NULL,
        ADD COLUMN change_reason VARCHAR(512) NULL`.execute(db);
    await sql`
      ALTER TABLE task_instances
        ADD COLUMN change_actor VARCHAR(128) NULL,
        ADD COLUMN change_reason VARCHAR(512) NULL,
        ADD COLUMN change_epoch BIGINT NOT NULL DEFAULT 0`.execute(db);
    await sql`
      CREATE TRIGGER instance_inserted AFTER INSERT ON workflow_instances FOR EACH ROW
        INSERT INTO state_changes (instance_id, task, attempt, from_state, to_state, actor, epoch, reason, at)
        VALUES (NEW.id, NULL, NULL, NULL, NEW.state, COALESCE(NEW.change_actor, '?'), NEW.owner_epoch,
                NEW.change_reason, NOW(6))`.execute(db);
    await sql`
      CREATE TRIGGER instance_state_changed AFTER UPDATE ON workflow_instances FOR EACH ROW
        INSERT INTO state_changes (instance_id, task, attempt, from_state, to_state, actor, epoch, reason, at)
        SELECT NEW.id, NULL, NULL, OLD.state, NEW.state, COALESCE(NEW.change_actor, NEW.owner, '?'),
               NEW.owner_epoch, NEW.change_reason, NOW(6)
        FROM DUAL WHERE NOT (OLD.state <=> NEW.state)`.execute(db);
    await sql`
      CREATE TRIGGER task_inserted AFTER INSERT ON task_instances FOR EACH ROW BEGIN
        INSERT INTO state_changes (instance_id, task, attempt, from_state, to_state, actor, epoch, reason, at)
        VALUES (NEW.instance_id, NEW.task, NEW.attempt, NULL, 'SUBMITTED', COALESCE(NEW.change_actor, '?'),
                NEW.change_epoch, NULL, NOW(6));
        IF NEW.state <> 'SUBMITTED' THEN
          INSERT INTO state_changes (instance_id, task, attempt, from_state, to_state, actor, epoch, reason, at)
          VALUES (NEW.instance_id, NEW.task, NEW.attempt, 'SUBMITTED', NEW.state,
                  COALESCE(NEW.change_actor, '?'), NEW.change_epoch, NEW.change_reason, NOW(6));
        END IF;
      END`.execute(db);
    await sql`
      CREATE TRIGGER task_state_changed AFTER UPDATE ON task_instances FOR EACH ROW
        INSERT INTO state_changes (instance_id, task, attempt, from_state, to_state, actor, epoch, reason, at)
        SELECT NEW.instance_id, NEW.task, NEW.attempt, OLD.state, NEW.state, COALESCE(NEW.change_actor, '?'),
               NEW.change_epoch, NEW.change_reason, NOW(6)
        FROM DUAL WHERE NOT (OLD.state <=> NEW.state)`.execute(db);
  },
};
