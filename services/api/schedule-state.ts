import type { Db } from '../../shared/db/connect.js';
import { parseStoredSpec } from '../../shared/domain/stored-spec.js';
import {
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
} from '../../shared/errors.js';
import { recordAudit } from './audit-log.js';

export const SCHEDULE_STATES = ['ONLINE', 'OFFLINE'] as const;
export type ScheduleState = (typeof SCHEDULE_STATES)[number];

/** @throws InvalidArgumentError naming `state` unless it is ONLINE or OFFLINE. */
export function parseScheduleState(value: string): ScheduleState {
  const found = SCHEDULE_STATES.find((s) => s === value);
  if (found === undefined) throw new InvalidArgumentError('state', 'must be ONLINE or OFFLINE');
  return found;
}

/**
 * Takes a definition's schedule offline or back online, without a new version: the state is
 * the definition's (`workflows`), and `schedule_state_at` tells the scheduler that the fire
 * times that passed while it was offline are not missed ones. Idempotent: asking for the state
 * it is in writes nothing. The audit row is written in the same transaction.
 *
 * @returns whether this call changed it.
 * @throws NotFoundError for an unknown workflow.
 * @throws FailedPreconditionError when its newest version has no schedule.
 */
export async function setScheduleState(
  db: Db,
  workflow: string,
  state: ScheduleState,
  actor: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('workflows as w')
      .innerJoin('workflow_versions as v', (j) =>
        j.onRef('v.name', '=', 'w.name').onRef('v.version', '=', 'w.latest_version'),
      )
      .select(['w.schedule_state', 'v.spec', 'v.version'])
      .where('w.name', '=', workflow)
      .forUpdate()
      .executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`workflow ${workflow} does not exist`);
    if (parseStoredSpec(row.spec).schedule === null)
      throw new FailedPreconditionError(
        `workflow ${workflow} (version ${row.version}) has no schedule`,
      );
    if (row.schedule_state === state) return false;
    const now = new Date();
    await trx
      .updateTable('workflows')
      .set({ schedule_state: state, schedule_state_at: now, updated_at: now })
      .where('name', '=', workflow)
      .execute();
    await recordAudit(
      trx,
      {
        actor,
        action: state === 'OFFLINE' ? 'schedule.pause' : 'schedule.resume',
        targetKind: 'workflow',
        target: `${workflow}@${row.version}`,
        detail: { state },
      },
      now,
    );
    return true;
  });
}
