import type { Db } from '../db/connect.js';
import type { InstanceRow } from '../db/schema.js';
import { FailedPreconditionError } from '../errors.js';
import { lockInstance } from './reopen-instance.js';
import { notifyOwner, type StopRequestDeps } from './request-stop.js';

/** What recording a pause or resume found: it changed the request, or it was already so. */
export type PauseRecord = { changed: true; row: InstanceRow } | { changed: false };

/**
 * Records a pause (`pause_requested`) on a RUNNING instance, for its owner to carry out (pushed
 * by the caller; the owner's reconciler reads it too). Idempotent: an instance already paused,
 * pausing, or asked to is answered unchanged. Call it in a transaction (audit rows go with it).
 *
 * @throws NotFoundError for an unknown id.
 * @throws FailedPreconditionError naming the state when it is not RUNNING (or is stopping).
 */
export async function recordPause(
  trx: Db,
  instanceId: string,
  from: readonly string[] = ['RUNNING'],
): Promise<PauseRecord> {
  const row = await lockInstance(trx, instanceId);
  if (row.state === 'PAUSE' || row.state === 'READY_PAUSE') return { changed: false };
  if (!from.includes(row.state) || row.stop_requested === 1)
    throw new FailedPreconditionError(
      `instance ${instanceId} is ${row.stop_requested === 1 ? `${row.state} and stopping` : row.state}; only a RUNNING instance can be paused`,
    );
  if (row.pause_requested === 1) return { changed: false };
  await setPauseRequested(trx, instanceId, 1);
  return { changed: true, row };
}

/**
 * Clears the pause request of a paused (or pausing, or about to pause) instance, for its owner
 * to resume it. `changed: false` when no pause was requested.
 */
export async function clearPause(trx: Db, row: InstanceRow): Promise<PauseRecord> {
  if (row.pause_requested === 0) return { changed: false };
  await setPauseRequested(trx, row.id, 0);
  return { changed: true, row };
}

async function setPauseRequested(trx: Db, instanceId: string, value: 0 | 1): Promise<void> {
  await trx
    .updateTable('workflow_instances')
    .set({ pause_requested: value, updated_at: new Date() })
    .where('id', '=', instanceId)
    .execute();
}

/**
 * A child's states its parent's pause is recorded in: RUNNING, and also not yet running
 * (SUBMITTED, SERIAL_WAIT), which its owner honours as it starts, before any task: a child
 * must not run on under a paused parent. A user can pause only a RUNNING instance.
 */
const CHILD_PAUSABLE = ['RUNNING', 'SUBMITTED', 'SERIAL_WAIT'];

/**
 * A parent's pause (or resume) of its child: recorded on the child's row, then pushed to its
 * owner. A child that ended, or is stopping, is left alone.
 */
export async function pauseChild(
  deps: StopRequestDeps,
  childId: string,
  paused: boolean,
): Promise<void> {
  const changed = await deps.db.transaction().execute(async (trx) => {
    if (!paused) return (await clearPause(trx, await lockInstance(trx, childId))).changed;
    try {
      return (await recordPause(trx, childId, CHILD_PAUSABLE)).changed;
    } catch (err) {
      if (err instanceof FailedPreconditionError) return false;
      throw err;
    }
  });
  if (changed)
    await notifyOwner(deps, childId, undefined, paused ? 'PauseInstance' : 'ResumeInstance');
}
