import type { Db } from '../../shared/db/connect.js';
import { TERMINAL_WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';
import { FailedPreconditionError, NotFoundError } from '../../shared/errors.js';
import type { CallContext } from '../../shared/grpc/call-context.js';
import { requireId } from '../../shared/grpc/validate.js';
import type { StopRequestDeps } from '../../shared/instances/request-stop.js';
import { recordAudit } from './audit-log.js';
import type { RequestKey } from './requests/request-key.js';
import { recordRequest } from './requests/request-store.js';
import { stopInstance } from './stop-instance.js';

type Deps = StopRequestDeps & { processName: string };

/**
 * Stops a RUNNING backfill: it ends STOP at once (its owner starts no new date: it reads the
 * state under the same row lock), then each of its running instances is asked to stop as
 * `baton stop` would. Idempotent; SUCCESS or FAILED is FAILED_PRECONDITION naming the state.
 * `request` (a request id) is recorded in the transaction unless it is refused.
 */
export async function stopBackfill(
  deps: Deps,
  id: string,
  actor: string,
  call?: CallContext,
  request?: RequestKey,
) {
  requireId(id, 'id');
  const running = await deps.db.transaction().execute(async (trx) => {
    const row = await lockBackfill(trx, id);
    await recordRequest(trx, request, 'backfill', id);
    if (row.state === 'STOP') return [];
    if (row.state !== 'RUNNING')
      throw new FailedPreconditionError(
        `backfill ${id} is ${row.state}; only a RUNNING backfill can be stopped`,
      );
    const now = new Date();
    await trx
      .updateTable('backfills')
      .set({ state: 'STOP', reason: `stopped by ${actor}`, ended_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      { actor, action: 'backfill.stop', targetKind: 'backfill', target: id, detail: {} },
      now,
    );
    const open = await trx
      .selectFrom('workflow_instances')
      .select('id')
      .where('backfill_id', '=', id)
      .where('state', 'not in', [...TERMINAL_WORKFLOW_STATES])
      .execute();
    return open.map((r) => r.id);
  });
  for (const instanceId of running)
    await stopInstance(deps, instanceId, `backfill ${id} stopped`, actor, call).catch(
      (err: unknown) =>
        // It ended meanwhile (FAILED_PRECONDITION): nothing to stop.
        deps.log.debug(
          { backfill: id, instance_id: instanceId, err: String(err) },
          'backfill instance not stopped',
        ),
    );
  await wakeOwner(deps, id);
}

/**
 * Carries a STOP or FAILED backfill on, in place like an instance's recover: in one
 * transaction it is RUNNING again and names the instances of its dates that ended FAILURE or
 * STOP; its owner reopens each of them in place (recover, resume from STOP: a date keeps its
 * one instance) as it starts dates, within `parallel`, then the dates not started yet.
 * Idempotent (RUNNING is answered as it is); SUCCESS is FAILED_PRECONDITION. `request` (a
 * request id) is recorded in the transaction unless it is refused.
 */
export async function resumeBackfill(deps: Deps, id: string, actor: string, request?: RequestKey) {
  requireId(id, 'id');
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockBackfill(trx, id);
    await recordRequest(trx, request, 'backfill', id);
    if (row.state === 'RUNNING') return;
    if (row.state !== 'STOP' && row.state !== 'FAILED')
      throw new FailedPreconditionError(
        `backfill ${id} is ${row.state}; only a STOP or FAILED backfill can be resumed`,
      );
    const ended = await trx
      .selectFrom('workflow_instances')
      .select('id')
      .where('backfill_id', '=', id)
      .where('state', 'in', ['FAILURE', 'STOP'])
      .execute();
    const now = new Date();
    const rerun = ended.map((r) => r.id);
    await trx
      .updateTable('backfills')
      .set({
        state: 'RUNNING',
        reason: null,
        ended_at: null,
        rerun_instances: rerun.length === 0 ? null : JSON.stringify(rerun),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    const detail = { from: row.state, rerun };
    await recordAudit(
      trx,
      { actor, action: 'backfill.resume', targetKind: 'backfill', target: id, detail },
      now,
    );
  });
  await wakeOwner(deps, id);
}

/** Tells the backfill's owner to look at it now (its sweep covers a lost put). */
export async function wakeOwner(deps: StopRequestDeps, id: string): Promise<void> {
  await deps.etcd
    .put(deps.keys.backfillsChanged())
    .value(id)
    .exec()
    .catch(() => undefined);
}

async function lockBackfill(trx: Db, id: string) {
  const row = await trx
    .selectFrom('backfills')
    .select(['id', 'state'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`backfill ${id} does not exist`);
  return row;
}
