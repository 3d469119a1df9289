import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Db } from '../../shared/db/connect.js';
import type { Database, InstanceRow } from '../../shared/db/schema.js';
import { parseLabelSelector, type LabelRequirement } from '../../shared/domain/labels.js';
import { WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';
import { optionalTimestamp, requireId, requireOneOf } from '../../shared/grpc/validate.js';
import type { ListInstancesRequest__Output } from '../../shared/proto/gen/baton/v1/ListInstancesRequest.js';
import type { InstanceWithTasks } from './instances.js';
import { requireName } from './instances.js';
import { decodePageToken, encodePageToken, pageSizeOf } from './page-token.js';

export interface InstancePage {
  instances: InstanceWithTasks[];
  /** Empty on the last page. */
  nextPageToken: string;
}

type InstanceQuery = SelectQueryBuilder<
  Database & { i: Database['workflow_instances'] },
  'i',
  InstanceRow
>;

/**
 * One page of instances, newest first (id descending), filtered (README "Listing and paging").
 * Keyset paging: a page is `id < the last id of the previous page`, read through the primary
 * key or an index ending in id, so a page costs its own size whatever the offset, and instances
 * started while a caller pages (new, larger ids) never shift or repeat what it sees: each
 * instance that existed when it began is listed exactly once. No COUNT over the table.
 *
 * @throws InvalidArgumentError naming the filter, `page_size`/`limit`, or `page_token`
 */
export async function listInstances(
  db: Db,
  req: ListInstancesRequest__Output,
): Promise<InstancePage> {
  const filters = {
    workflow: req.workflow,
    state: req.state,
    label_selector: req.label_selector,
    parent_id: req.parent_id,
    rerun_of: req.rerun_of,
    backfill_id: req.backfill_id,
    created_after: req.created_after,
    created_before: req.created_before,
  };
  if (req.workflow !== '') requireName(req.workflow, 'workflow');
  if (req.state !== '') requireOneOf(req.state, WORKFLOW_STATES, 'state');
  for (const field of ['parent_id', 'rerun_of', 'backfill_id'] as const)
    if (req[field] !== '') requireId(req[field], field);
  const after = optionalTimestamp(req.created_after, 'created_after');
  const before = optionalTimestamp(req.created_before, 'created_before');
  const selector = parseLabelSelector(req.label_selector);
  const size = pageSizeOf(req.page_size, req.limit, 100);
  const from = decodePageToken(req.page_token, filters);
  if (from !== undefined) requireId(from, 'page_token');

  let query: InstanceQuery = db.selectFrom('workflow_instances as i').selectAll('i');
  if (req.workflow !== '') query = query.where('i.workflow', '=', req.workflow);
  if (req.state !== '') query = query.where('i.state', '=', req.state);
  if (req.parent_id !== '') query = query.where('i.parent_instance_id', '=', req.parent_id);
  if (req.rerun_of !== '') query = query.where('i.rerun_of', '=', req.rerun_of);
  if (req.backfill_id !== '') query = query.where('i.backfill_id', '=', req.backfill_id);
  if (after !== undefined) {
    query = query.where('i.created_at', '>=', after);
    // Redundant, for the plan: newest first walks ids down from the top, and ids do not know
    // creation times, so a short window (`--since 1h`) would read back to the first row to be
    // sure nothing older matches. The smallest matching id (an index-only read of ix_created)
    // bounds that walk; it holds whatever the clocks of the apis that recorded them.
    query = query.where('i.id', '>=', (eb) =>
      eb
        .selectFrom('workflow_instances')
        .select((m) => m.fn.min('id').as('first'))
        .where('created_at', '>=', after),
    );
  }
  if (before !== undefined) query = query.where('i.created_at', '<', before);
  for (const requirement of selector) query = query.where((eb) => matches(eb, requirement));
  if (from !== undefined) query = query.where('i.id', '<', from);
  const rows = await query
    .orderBy('i.id', 'desc')
    .limit(size + 1)
    .execute();
  const page = rows.slice(0, size);
  const last = page.at(-1);
  const nextPageToken =
    rows.length > size && last !== undefined ? encodePageToken(last.id, filters) : '';
  return { instances: await withTasks(db, page), nextPageToken };
}

/** The SQL of one selector requirement, on instance `i` (instance_labels' indexes serve it). */
function matches(
  eb: ExpressionBuilder<Database & { i: Database['workflow_instances'] }, 'i'>,
  requirement: LabelRequirement,
) {
  let label = eb
    .selectFrom('instance_labels as l')
    .select('l.instance_id')
    .whereRef('l.instance_id', '=', 'i.id')
    .where('l.label_key', '=', requirement.key);
  if (requirement.op === 'equals' || requirement.op === 'not-equals')
    label = label.where('l.label_value', '=', requirement.value);
  const has = eb.exists(label);
  return requirement.op === 'equals' || requirement.op === 'exists' ? has : eb.not(has);
}

async function withTasks(db: Db, rows: InstanceRow[]): Promise<InstanceWithTasks[]> {
  if (rows.length === 0) return [];
  const tasks = await db
    .selectFrom('task_instances')
    .selectAll()
    .where(
      'instance_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ row, tasks: tasks.filter((t) => t.instance_id === row.id) }));
}
