import { traceparentOf } from '../../../shared/telemetry/tracing.js';
import { sql, type Kysely } from 'kysely';
import type { Db } from '../../../shared/db/connect.js';
import type { Database, TaskRow } from '../../../shared/db/schema.js';
import { assertTaskTransition, type TaskState } from '../../../shared/domain/task-states.js';
import {
  assertWorkflowTransition,
  type WorkflowState,
} from '../../../shared/domain/workflow-states.js';
import type { AlertEvent } from '../../../shared/domain/workflow-spec.js';
import { ConflictError, OwnershipLostError } from '../../../shared/errors.js';
import { scheduleTimeOf } from '../../../shared/instances/schedule-time.js';
import {
  bornState,
  type ChildSpec,
  type InstancePatch,
  type RunStore,
  type TaskBirth,
  type TaskPatch,
  type TaskRef,
} from '../run/run-ports.js';
import { withAlertEvent } from './alert-outbox-writes.js';

const reasonOf = (reason: string): string | null => (reason === '' ? null : reason.slice(0, 512));

/**
 * Every MySQL write a master makes about an instance, each fenced by the epoch it owns the
 * instance under (`WHERE owner_epoch = ?`). A state change is ONE statement: triggers
 * (migration 0003) record it in `state_changes` atomically with it. Zero rows changed means
 * another master took over: OwnershipLostError, and the caller drops the instance.
 * `assertLive` runs first so a master whose lease may have expired writes nothing at all.
 */
export class InstanceStore implements RunStore {
  constructor(
    private readonly db: Db,
    private readonly actor: string,
    private readonly assertLive: () => void,
  ) {}

  async transitionInstance(
    instanceId: string,
    epoch: bigint,
    from: WorkflowState,
    to: WorkflowState,
    patch: InstancePatch,
    reason: string,
  ): Promise<void> {
    assertWorkflowTransition(from, to);
    // With an alert, the change and its outbox row commit together (or neither does).
    const alert = { event: patch.alert, reason: reasonOf(reason) };
    await this.fenced(instanceId, epoch, (db) =>
      withAlertEvent(db, instanceId, alert, async (tx) => {
        const result = await tx
          .updateTable('workflow_instances')
          .set({
            state: to,
            change_actor: this.actor,
            change_reason: reasonOf(reason),
            updated_at: new Date(),
            ...(patch.startedAt ? { started_at: patch.startedAt } : {}),
            ...(patch.endedAt ? { ended_at: patch.endedAt } : {}),
            ...(patch.pausedAt === undefined ? {} : { paused_at: patch.pausedAt }),
            ...(patch.pausedSpans === undefined ? {} : { paused_spans: patch.pausedSpans }),
          })
          .where('id', '=', instanceId)
          .where('owner_epoch', '=', epoch.toString())
          .where('state', '=', from)
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),
    );
  }

  /**
   * Inserts a new task attempt: SUBMITTED, or already DISPATCHED to `worker` (one statement on
   * the hot path; both states are recorded). It is made in the instance's current round (read
   * from the fenced row itself). Returns its id.
   * @throws ConflictError if that attempt already exists (memory is behind MySQL: reset).
   */
  async insertTask(
    instanceId: string,
    epoch: bigint,
    task: { name: string; type: string; attempt: number },
    born?: TaskBirth,
  ): Promise<string> {
    let id = '';
    const worker = born !== undefined && 'worker' in born ? born.worker : undefined;
    const skipped = born !== undefined && 'skipped' in born ? born.skipped : undefined;
    const group = born !== undefined && 'waitingGroup' in born ? born.waitingGroup : undefined;
    const state = bornState(born);
    // Born in another state is SUBMITTED -> it in one statement (the trigger records both).
    if (state === 'DISPATCHED' || state === 'WAITING_GROUP')
      assertTaskTransition('SUBMITTED', state);
    const reason =
      skipped ??
      (group === undefined ? null : `waits for a slot of task group ${group}`) ??
      (worker === undefined ? null : `dispatched to ${worker}`);
    await this.fenced(instanceId, epoch, async (db) => {
      const inserted = await sql<never>`
        INSERT INTO task_instances
          (instance_id, task, type, attempt, \`round\`, state, worker, change_actor, change_epoch, change_reason, created_at, updated_at, ended_at)
        SELECT id, ${task.name}, ${task.type}, ${task.attempt}, \`round\`, ${state}, ${worker ?? null},
               ${this.actor}, owner_epoch, ${reason}, NOW(3), NOW(3), ${state === 'SKIPPED' ? sql`NOW(3)` : null}
        FROM workflow_instances WHERE id = ${instanceId} AND owner_epoch = ${epoch.toString()}`
        .execute(db)
        .catch((err: unknown) => {
          if ((err as { code?: string }).code !== 'ER_DUP_ENTRY') throw err;
          throw new ConflictError(
            `instance ${instanceId} already has ${task.name} attempt ${task.attempt}`,
          );
        });
      if (inserted.numAffectedRows === 0n || inserted.insertId === undefined) return false;
      id = inserted.insertId.toString();
      return true;
    });
    return id;
  }

  async transitionTask(
    instanceId: string,
    epoch: bigint,
    task: TaskRef,
    from: TaskState,
    to: TaskState,
    patch: TaskPatch,
    reason: string,
  ): Promise<void> {
    assertTaskTransition(from, to);
    const set = (column: string, value: unknown) =>
      value === undefined ? sql`` : sql`, t.${sql.raw(column)} = ${value}`;
    await this.fenced(instanceId, epoch, async (db) => {
      const result = await sql<never>`
        UPDATE task_instances t JOIN workflow_instances w ON w.id = t.instance_id
        SET t.state = ${to}, t.updated_at = NOW(3), t.change_actor = ${this.actor},
            t.change_epoch = ${epoch.toString()}, t.change_reason = ${reasonOf(reason)}
          ${set('worker', patch.worker)} ${set('child_instance_id', patch.childInstanceId)}
          ${set('started_at', patch.startedAt)} ${set('ended_at', patch.endedAt)} ${set('exit_code', patch.exitCode)}
          ${set('outputs', json(patch.outputs))} ${set('decision', json(patch.decision))}
        WHERE t.id = ${task.id} AND t.state = ${from} AND w.id = ${instanceId} AND w.owner_epoch = ${epoch.toString()}`.execute(
        db,
      );
      return (result.numAffectedRows ?? 0n) > 0n;
    });
  }

  /**
   * Creates the child instance of (parent, task, attempt), or returns the one that exists: the
   * UNIQUE key on the parent link makes this idempotent, so failover can never make a second
   * child (F2). Fenced by the parent's epoch, whose row is locked while the child is created.
   * The child runs as of its parent's schedule time (read from that locked row).
   */
  async createChild(
    parentId: string,
    epoch: bigint,
    child: ChildSpec,
    task: { name: string; attempt: number },
  ): Promise<string> {
    let childId = '';
    await this.fenced(parentId, epoch, (db) =>
      db.transaction().execute(async (trx) => {
        const parent = await trx
          .selectFrom('workflow_instances')
          .select(['id', 'schedule_time', 'scheduled_at', 'created_at'])
          .where('id', '=', parentId)
          .where('owner_epoch', '=', epoch.toString())
          .forUpdate()
          .executeTakeFirst();
        if (parent === undefined) return false;
        const existing = await trx
          .selectFrom('workflow_instances')
          .select('id')
          .where('parent_instance_id', '=', parentId)
          .where('parent_task', '=', task.name)
          .where('parent_task_attempt', '=', task.attempt)
          .executeTakeFirst();
        if (existing !== undefined) {
          childId = existing.id;
          return true;
        }
        const now = new Date();
        const inserted = await trx
          .insertInto('workflow_instances')
          .values({
            workflow: child.workflow,
            version: child.version,
            execution_type: child.executionType,
            state: 'SUBMITTED',
            params: JSON.stringify(child.params),
            owner: null,
            parent_instance_id: parentId,
            parent_task: task.name,
            parent_task_attempt: task.attempt,
            change_actor: this.actor,
            change_reason: `child of ${parentId} task ${task.name} attempt ${task.attempt}`,
            // The child continues its parent's trace, under the span that made it.
            trace_parent: traceparentOf(),
            schedule_time: scheduleTimeOf(parent),
            created_at: now,
            updated_at: now,
          })
          .executeTakeFirstOrThrow();
        childId = String(inserted.insertId);
        return true;
      }),
    );
    return childId;
  }

  /**
   * A history entry that is not a state change (a timeout warning, say), with the alert event
   * it is, if any; fenced all the same.
   */
  async note(
    instanceId: string,
    epoch: bigint,
    state: string,
    reason: string,
    task?: TaskRef,
    alert?: AlertEvent,
  ): Promise<void> {
    const event = { event: alert, reason: reasonOf(reason) };
    await this.fenced(instanceId, epoch, (db) =>
      withAlertEvent(db, instanceId, event, async (tx) => {
        const result = await sql<never>`
        INSERT INTO state_changes (instance_id, task, attempt, from_state, to_state, actor, epoch, reason, at)
        SELECT id, ${task?.name ?? null}, ${task?.attempt ?? null}, ${state}, ${state}, ${this.actor},
               owner_epoch, ${reasonOf(reason)}, NOW(6)
        FROM workflow_instances WHERE id = ${instanceId} AND owner_epoch = ${epoch.toString()}`.execute(
          tx,
        );
        return (result.numAffectedRows ?? 0n) > 0n;
      }),
    );
  }

  /** An instance's state and end time (a child's, for its parent task); undefined if absent. */
  async instanceOutcome(
    instanceId: string,
  ): Promise<{ state: string; endedAt: Date | null } | undefined> {
    const row = await this.db
      .selectFrom('workflow_instances')
      .select(['state', 'ended_at'])
      .where('id', '=', instanceId)
      .executeTakeFirst();
    return row === undefined ? undefined : { state: row.state, endedAt: row.ended_at };
  }

  /** Every attempt of the given instances (to rebuild their runs at adoption). */
  async taskRows(instanceIds: readonly string[]): Promise<TaskRow[]> {
    if (instanceIds.length === 0) return [];
    return this.db
      .selectFrom('task_instances')
      .selectAll()
      .where('instance_id', 'in', [...instanceIds])
      .execute();
  }

  /**
   * Runs a fenced `write`, which returns false when its fenced statement matched no row. Then
   * we find out why: another epoch owns the instance (OwnershipLostError), or the row was not
   * in the expected state (ConflictError).
   */
  private async fenced(
    instanceId: string,
    epoch: bigint,
    write: (db: Kysely<Database>) => Promise<boolean>,
  ): Promise<void> {
    this.assertLive();
    if (await write(this.db)) return;
    const row = await this.db
      .selectFrom('workflow_instances')
      .select(['owner', 'owner_epoch', 'state'])
      .where('id', '=', instanceId)
      .executeTakeFirst();
    if (row === undefined || BigInt(row.owner_epoch) !== epoch) {
      throw new OwnershipLostError(
        `instance ${instanceId} is owned by ${row?.owner ?? 'nobody'} at epoch ${row?.owner_epoch ?? '?'}, not epoch ${epoch}`,
      );
    }
    throw new ConflictError(
      `instance ${instanceId} (state ${row.state}) did not match the expected state`,
    );
  }
}

/** A JSON column's value; undefined (leave the column as it is) stays undefined. */
function json(value: object | undefined): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}
