import type { Db } from '../../shared/db/connect.js';
import { NAME_PATTERN } from '../../shared/domain/definition-schema.js';
import type { WorkflowDefinitionSpec } from '../../shared/domain/workflow-spec.js';
import { InvalidArgumentError, NotFoundError } from '../../shared/errors.js';
import { timestampOf } from '../../shared/grpc/validate.js';
import type { TaskGroup } from '../../shared/proto/gen/baton/v1/TaskGroup.js';
import { recordAudit } from './audit-log.js';

/** The largest group size accepted: far above any real limit, below anything that overflows. */
export const MAX_TASK_GROUP_SIZE = 10_000;

interface GroupRow {
  name: string;
  size: number;
  created_at: Date;
  updated_at: Date;
}

/** @throws InvalidArgumentError naming `field` unless `value` is a valid group name. */
export function requireGroupName(value: string, field: string): string {
  if (!NAME_PATTERN.test(value))
    throw new InvalidArgumentError(field, `must match ${NAME_PATTERN.source}; got "${value}"`);
  return value;
}

/** @throws InvalidArgumentError naming `size` unless 1..MAX_TASK_GROUP_SIZE. */
export function requireGroupSize(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_TASK_GROUP_SIZE)
    throw new InvalidArgumentError('size', `must be 1-${MAX_TASK_GROUP_SIZE}; got ${value}`);
  return value;
}

/** A group's MySQL record in wire form (holders and queue are the coordinator's to add). */
export function groupToProto(row: GroupRow): TaskGroup {
  return {
    name: row.name,
    size: row.size,
    created_at: timestampOf(row.created_at),
    updated_at: timestampOf(row.updated_at),
  };
}

/**
 * Creates a group or resizes it, with its audit row in the same transaction (`task-group.create`
 * or `task-group.resize` with the sizes). Setting the size it has writes nothing.
 * @returns the group as stored, and whether this call changed it.
 */
export async function setTaskGroup(
  db: Db,
  name: string,
  size: number,
  actor: string,
): Promise<{ row: GroupRow; changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('task_groups')
      .selectAll()
      .where('name', '=', name)
      .forUpdate()
      .executeTakeFirst();
    if (current?.size === size) return { row: current, changed: false };
    const now = new Date();
    if (current === undefined)
      await trx
        .insertInto('task_groups')
        .values({ name, size, created_at: now, updated_at: now })
        .execute();
    else
      await trx
        .updateTable('task_groups')
        .set({ size, updated_at: now })
        .where('name', '=', name)
        .execute();
    await recordAudit(trx, {
      actor,
      action: current === undefined ? 'task-group.create' : 'task-group.resize',
      targetKind: 'task-group',
      target: name,
      detail: current === undefined ? { size } : { from: current.size, to: size },
    });
    const row = { name, size, created_at: current?.created_at ?? now, updated_at: now };
    return { row, changed: true };
  });
}

/** @throws NotFoundError for an unknown group. */
export async function getTaskGroupRow(db: Db, name: string): Promise<GroupRow> {
  const row = await db
    .selectFrom('task_groups')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`task group ${name} does not exist`);
  return row;
}

export function listTaskGroupRows(db: Db): Promise<GroupRow[]> {
  return db.selectFrom('task_groups').selectAll().orderBy('name').execute();
}

/**
 * A definition may only name groups that exist: a typo would otherwise leave its tasks
 * waiting forever for a group nobody sizes. Groups are never deleted, so what is checked here
 * stays true. @throws InvalidArgumentError naming `tasks[i].taskGroup`.
 */
export async function checkTaskGroupsExist(db: Db, spec: WorkflowDefinitionSpec): Promise<void> {
  const named = [...new Set(spec.tasks.map((t) => t.taskGroup).filter((g) => g !== null))];
  if (named.length === 0) return;
  const rows = await db
    .selectFrom('task_groups')
    .select('name')
    .where('name', 'in', named)
    .execute();
  const known = new Set(rows.map((r) => r.name));
  const i = spec.tasks.findIndex((t) => t.taskGroup !== null && !known.has(t.taskGroup));
  if (i >= 0)
    throw new InvalidArgumentError(
      `tasks[${i}].taskGroup`,
      `no task group "${spec.tasks[i]!.taskGroup}" (create it with: baton task-group set NAME --size N)`,
    );
}
