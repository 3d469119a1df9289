import type { Db } from '../db/connect.js';
import type { InstanceRow } from '../db/schema.js';
import { assertWorkflowTransition, isWorkflowState } from '../domain/workflow-states.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { drawQueueTicket } from './queue-ticket.js';

/**
 * Reads an instance's row locked for the rest of the transaction `trx` (a control decides on
 * the state it read, and nothing may change it in between).
 *
 * @throws NotFoundError when there is no such instance.
 */
export async function lockInstance(trx: Db, instanceId: string): Promise<InstanceRow> {
  const row = await trx
    .selectFrom('workflow_instances')
    .selectAll()
    .where('id', '=', instanceId)
    .forUpdate()
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`instance ${instanceId} does not exist`);
  return row;
}

/**
 * Carries an ended instance on in place (recover from FAILURE, resume from STOP): back to
 * SUBMITTED in a new round, with no owner, so that a master claims it under a new epoch (an
 * etcd claim revision, newer than any before) and runs what the planner finds left to do. The
 * write is a compare on the row's state: an ended instance has no owner to fence with, and no
 * master writes to it once its end is committed. The state_changes trigger records the change
 * with `reason`. Call it inside the transaction that locked `row` (see lockInstance), then hand
 * the instance to a master (submitToMaster; the reconciler adopts it if that push is lost).
 * A serial instance draws a new queue ticket (shared/instances/queue-ticket.ts): it re-enters
 * its definition's queue at the tail, behind every instance already waiting, never at the place
 * its id would give it.
 *
 * @throws IllegalTransitionError when the row's state cannot be carried on.
 * @throws ConflictError when the row changed since it was read.
 */
export async function reopenInstance(
  trx: Db,
  row: InstanceRow,
  change: { actor: string; reason: string; rerun?: readonly string[] },
): Promise<void> {
  if (!isWorkflowState(row.state)) throw new ConflictError(`instance ${row.id} is ${row.state}`);
  assertWorkflowTransition(row.state, 'SUBMITTED');
  const ticket = row.execution_type === 'PARALLEL' ? undefined : await drawQueueTicket(trx, row);
  const result = await trx
    .updateTable('workflow_instances')
    .set({
      state: 'SUBMITTED',
      round: row.round + 1,
      owner: null,
      ended_at: null,
      stop_requested: 0,
      stop_reason: null,
      pause_requested: 0,
      // A stop of a paused instance leaves its pause open; the new round is not paused.
      paused_at: null,
      // A recover --from names what runs again though it succeeded; any other round: nothing.
      rerun_tasks: change.rerun === undefined ? null : JSON.stringify(change.rerun),
      ...(ticket === undefined ? {} : { queue_ticket: ticket, queue_ticket_at: new Date() }),
      change_actor: change.actor,
      change_reason: change.reason.slice(0, 512),
      updated_at: new Date(),
    })
    .where('id', '=', row.id)
    .where('state', '=', row.state)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new ConflictError(`instance ${row.id} changed while it was being carried on`); // A force recorded for a paused instance that was stopped before its owner carried it out:
  // moot now (force the ended task again if it is wanted), and never to be carried out later.
  await trx
    .updateTable('task_instances')
    .set({ force_requested: 0 })
    .where('instance_id', '=', row.id)
    .where('force_requested', '=', 1)
    .execute();
}

/**
 * The recover of a SUB_WORKFLOW task's child by its parent's master: carries the child on in
 * place when it ended FAILURE or STOP and its round is below `belowRound` (the parent attempt
 * that asks is its `belowRound`-th attachment: a round that high means an earlier owner
 * already carried it on for that attempt). A child already carried on, or that succeeded, is
 * left as it is, so asking again after a failover does nothing. Returns whether it reopened.
 *
 * @throws NotFoundError when there is no such instance.
 */
export function reopenChild(
  db: Db,
  childId: string,
  belowRound: number,
  change: { actor: string; reason: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await lockInstance(trx, childId);
    if (row.round >= belowRound) return false;
    if (row.state !== 'FAILURE' && row.state !== 'STOP') return false;
    await reopenInstance(trx, row, change);
    return true;
  });
}
