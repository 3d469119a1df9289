import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { InstanceRow } from '../db/schema.js';
import { InternalError } from '../errors.js';

/**
 * An instance's serial queue ticket: the key it waits under in its definition's queue, so the
 * order of admission (migration 0012). A new instance's ticket is its id; one carried on in
 * place has the ticket it drew when it was reopened.
 */
export function queueTicketOf(row: Pick<InstanceRow, 'id' | 'queue_ticket'>): string {
  return row.queue_ticket ?? row.id;
}

/**
 * Draws a fresh ticket from the instances' own sequence (their AUTO_INCREMENT), inside the
 * transaction `trx` that reopens `row`: a placeholder row is inserted under a savepoint and
 * rolled back at once. The id it was given is never handed out again (InnoDB does not reuse an
 * AUTO_INCREMENT value a rollback gave back), so the ticket is larger than every instance id
 * before it and smaller than every later one: the reopened instance re-enters its serial queue
 * at the tail, in one order with the instances created around it. Nothing of the placeholder
 * (nor what its insert triggers wrote) outlives the rollback; no other transaction saw it.
 *
 * @throws InternalError when the database gave no id.
 */
export async function drawQueueTicket(
  trx: Db,
  row: Pick<InstanceRow, 'workflow' | 'version' | 'execution_type'>,
): Promise<string> {
  await sql`SAVEPOINT draw_queue_ticket`.execute(trx);
  let id: bigint | undefined;
  try {
    const now = new Date();
    const placeholder = await trx
      .insertInto('workflow_instances')
      .values({
        workflow: row.workflow,
        version: row.version,
        execution_type: row.execution_type,
        state: 'SUBMITTED',
        params: '{}',
        change_actor: 'queue-ticket',
        change_reason: 'placeholder; rolled back',
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirst();
    id = placeholder.insertId;
  } catch (err) {
    // A deadlock rolls the whole transaction back, savepoint included: the insert's error is
    // the one to report.
    await sql`ROLLBACK TO SAVEPOINT draw_queue_ticket`.execute(trx).catch(() => undefined);
    throw err;
  }
  await sql`ROLLBACK TO SAVEPOINT draw_queue_ticket`.execute(trx);
  if (id === undefined) throw new InternalError('drawing a queue ticket: the insert gave no id');
  return id.toString();
}
