import { sql } from 'kysely';
import type { Db } from '../../shared/db/connect.js';
import { NotFoundError, ResourceExhaustedError } from '../../shared/errors.js';

/** The states of an instance that has been started but not yet run or ended. */
const PENDING_STATES = ['SUBMITTED', 'SERIAL_WAIT'];

/**
 * Admits one more start of `workflow`, or refuses it when `limit` instances of it are already
 * pending (SUBMITTED or SERIAL_WAIT). Call it inside the transaction that inserts the instance,
 * run at READ COMMITTED: the definition's row lock serialises starts of one definition across
 * every api process, so a start counts every earlier one, and the count can never overshoot.
 *
 * @throws NotFoundError when the definition does not exist
 * @throws ResourceExhaustedError naming the definition and the limit
 */
export async function admitPendingStart(trx: Db, workflow: string, limit: number): Promise<void> {
  const locked = await trx
    .selectFrom('workflows')
    .select('name')
    .where('name', '=', workflow)
    .forUpdate()
    .executeTakeFirst();
  if (locked === undefined) throw new NotFoundError(`workflow ${workflow} does not exist`);
  // Counting at most `limit` rows keeps a start cheap however long the backlog (ix_workflow_state).
  const { n } = await trx
    .selectFrom((eb) =>
      eb
        .selectFrom('workflow_instances')
        .select(sql<number>`1`.as('one'))
        .where('workflow', '=', workflow)
        .where('state', 'in', PENDING_STATES)
        .limit(limit)
        .as('pending'),
    )
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(n) >= limit) {
    throw new ResourceExhaustedError(
      `workflow ${workflow} already has ${limit} instances waiting to run (SUBMITTED or ` +
        `SERIAL_WAIT), the limit MAX_PENDING_STARTS; retry once some have started`,
    );
  }
}
