import type { Db } from '../../shared/db/connect.js';
import {
  BACKFILL_ORDERS,
  backfillFireTimes,
  MAX_BACKFILL_PARALLEL,
  ON_FAILURE,
} from '../../shared/domain/backfill-dates.js';
import { validateLabels } from '../../shared/domain/labels.js';
import { InvalidArgumentError } from '../../shared/errors.js';
import { requireOneOf } from '../../shared/grpc/validate.js';
import type { StartBackfillRequest__Output } from '../../shared/proto/gen/baton/v1/StartBackfillRequest.js';
import type { ApiLimits } from './api-limits.js';
import { recordAudit } from './audit-log.js';
import type { RequestKey } from './requests/request-key.js';
import { recordRequest } from './requests/request-store.js';
import type { Definitions } from './definitions.js';
import { requireName, validateStartParams } from './instances.js';

/**
 * Validates a backfill request and records it, RUNNING and unowned, with its audit row in one
 * transaction: all of it or nothing. Its dates are computed here, once, from the newest
 * version's schedule (shared/domain/backfill-dates.ts) and stored in start order; the version
 * is fixed for the whole backfill. The scheduler leader takes it from there. `request` (a
 * request id) is recorded in the same transaction.
 *
 * @returns the new backfill's id.
 * @throws InvalidArgumentError naming the field; NotFoundError for an unknown workflow.
 */
export async function recordBackfill(
  deps: { db: Db; definitions: Definitions; limits: ApiLimits },
  req: StartBackfillRequest__Output,
  actor: string,
  request?: RequestKey,
): Promise<string> {
  requireName(req.workflow, 'workflow');
  const parallel = req.parallel === 0 ? 1 : req.parallel;
  if (parallel < 1 || parallel > MAX_BACKFILL_PARALLEL)
    throw new InvalidArgumentError('parallel', `must be between 1 and ${MAX_BACKFILL_PARALLEL}`);
  const order = requireOneOf(req.order === '' ? 'asc' : req.order, BACKFILL_ORDERS, 'order');
  const onFailure = requireOneOf(
    req.on_failure === '' ? 'continue' : req.on_failure,
    ON_FAILURE,
    'on_failure',
  );
  validateStartParams(req.params, deps.limits);
  validateLabels(req.labels);
  const definition = await deps.definitions.get(req.workflow, 0);
  const fireTimes = backfillFireTimes(
    definition.spec.schedule,
    { from: req.from, to: req.to, dates: req.dates },
    order,
  );
  return deps.db.transaction().execute(async (trx) => {
    const now = new Date();
    const inserted = await trx
      .insertInto('backfills')
      .values({
        workflow: definition.name,
        version: definition.version,
        state: 'RUNNING',
        fire_times: JSON.stringify(fireTimes.map((t) => t.toISOString())),
        parallel,
        date_order: order,
        on_failure: onFailure,
        params: JSON.stringify(req.params),
        labels: Object.keys(req.labels).length === 0 ? null : JSON.stringify(req.labels),
        pending_count: fireTimes.length,
        created_by: actor,
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    const id = String(inserted.insertId);
    await recordAudit(
      trx,
      {
        actor,
        action: 'backfill.start',
        targetKind: 'backfill',
        target: id,
        detail: {
          workflow: `${definition.name}@${definition.version}`,
          dates: fireTimes.length,
          first: fireTimes[0]?.toISOString(),
          last: fireTimes.at(-1)?.toISOString(),
          parallel,
          order,
          onFailure,
        },
      },
      now,
    );
    await recordRequest(trx, request, 'backfill', id, now);
    return id;
  });
}
