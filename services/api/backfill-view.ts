import type { Db } from '../../shared/db/connect.js';
import type { BackfillRow } from '../../shared/db/schema.js';
import { parseStoredLabels } from '../../shared/domain/labels.js';
import { parseStoredParams } from '../../shared/domain/params.js';
import { NotFoundError } from '../../shared/errors.js';
import { requireId, timestampOf } from '../../shared/grpc/validate.js';
import type { Backfill } from '../../shared/proto/gen/baton/v1/Backfill.js';
import type { ListBackfillsRequest__Output } from '../../shared/proto/gen/baton/v1/ListBackfillsRequest.js';

/** A backfill with every date and its instance (GetBackfill). @throws NotFoundError */
export async function getBackfill(db: Db, id: string): Promise<Backfill> {
  requireId(id, 'id');
  const row = await db.selectFrom('backfills').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`backfill ${id} does not exist`);
  const instances = await db
    .selectFrom('workflow_instances')
    .select(['id', 'schedule_time', 'state'])
    .where('backfill_id', '=', id)
    .execute();
  const byTime = new Map(instances.map((i) => [i.schedule_time!.toISOString(), i]));
  return {
    ...backfillToProto(row),
    dates: fireTimesOf(row).map((at) => {
      const instance = byTime.get(at);
      return { fire_time: at, instance_id: instance?.id ?? '', state: instance?.state ?? '' };
    }),
  };
}

/** Backfills, newest first, optionally of one workflow (without their dates). */
export async function listBackfills(
  db: Db,
  req: ListBackfillsRequest__Output,
): Promise<Backfill[]> {
  const limit = req.limit === 0 ? 100 : Math.min(Math.max(req.limit, 1), 1000);
  let query = db.selectFrom('backfills').selectAll().orderBy('id', 'desc').limit(limit);
  if (req.workflow !== '') query = query.where('workflow', '=', req.workflow);
  return (await query.execute()).map(backfillToProto);
}

function fireTimesOf(row: BackfillRow): string[] {
  return JSON.parse(row.fire_times) as string[];
}

function backfillToProto(row: BackfillRow): Backfill {
  return {
    id: row.id,
    workflow: row.workflow,
    version: row.version,
    state: row.state,
    reason: row.reason ?? '',
    parallel: row.parallel,
    order: row.date_order,
    on_failure: row.on_failure,
    params: parseStoredParams(row.params),
    labels: parseStoredLabels(row.labels),
    total: row.done_count + row.failed_count + row.running_count + row.pending_count,
    done: row.done_count,
    failed: row.failed_count,
    running: row.running_count,
    pending: row.pending_count,
    failed_dates: row.failed_dates === null ? [] : (JSON.parse(row.failed_dates) as string[]),
    owner: row.owner ?? '',
    created_by: row.created_by,
    created_at: timestampOf(row.created_at),
    ended_at: timestampOf(row.ended_at),
    dates: [],
  };
}
