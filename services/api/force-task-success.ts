import { ATTR, inSpan } from '../../shared/telemetry/tracing.js';
import { assertTaskTransition } from '../../shared/domain/task-states.js';
import {
  ConflictError,
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
} from '../../shared/errors.js';
import type { Db } from '../../shared/db/connect.js';
import { lockInstance } from '../../shared/instances/reopen-instance.js';
import { recordAudit } from './audit-log.js';

/** Instance states in which a task may be forced: ended, so no master changes its tasks. */
const FORCEABLE_IN = ['FAILURE', 'STOP'] as const;

/**
 * Declares the newest attempt of `task`, ended FAILURE or KILL, a success: FORCED_SUCCESS, a
 * terminal state that counts as SUCCESS for its dependents and for the instance's end. The
 * instance itself stays as it is; a recover (FAILURE) or resume (STOP) then runs what follows.
 * The instance has ended, so it has no owner: the write is a compare on the attempt's state
 * under the instance row's lock, recorded in the history by the trigger and in the audit log
 * in the same transaction. CONDITIONS and SWITCH tasks cannot be forced: a forced decision task
 * has no decision, and D1 wants its branch decided once, by the task (recover it instead).
 * Idempotent: forcing a FORCED_SUCCESS task answers as it is and writes nothing.
 *
 * @returns whether this call forced it.
 * @throws NotFoundError for an unknown instance, or a task with no attempt in it.
 * @throws FailedPreconditionError naming the state when the instance has not ended FAILURE or
 *   STOP, or the task did not end FAILURE or KILL.
 */
export function forceTaskSuccess(
  deps: { db: Db; processName: string },
  instanceId: string,
  task: string,
  actor: string,
): Promise<boolean> {
  if (task === '') throw new InvalidArgumentError('task', 'must name a task');
  const attributes = { [ATTR.instanceId]: instanceId, [ATTR.task]: task };
  return inSpan('baton.task.force-success', { attributes }, () =>
    deps.db.transaction().execute(async (trx) => {
      const row = await lockInstance(trx, instanceId);
      const attempt = await trx
        .selectFrom('task_instances')
        .select(['id', 'state', 'type', 'attempt'])
        .where('instance_id', '=', instanceId)
        .where('task', '=', task)
        .orderBy('attempt', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (attempt === undefined)
        throw new NotFoundError(`instance ${instanceId} has no attempt of task ${task}`);
      if (attempt.state === 'FORCED_SUCCESS') return false;
      if (!(FORCEABLE_IN as readonly string[]).includes(row.state))
        throw new FailedPreconditionError(
          `instance ${instanceId} is ${row.state}; a task can be forced only once it ended ${FORCEABLE_IN.join(' or ')}`,
        );
      if (attempt.type === 'CONDITIONS' || attempt.type === 'SWITCH')
        throw new FailedPreconditionError(
          `task ${task} is a ${attempt.type} task: its branch is decided by running it; recover the instance instead`,
        );
      if (attempt.state !== 'FAILURE' && attempt.state !== 'KILL')
        throw new FailedPreconditionError(
          `task ${task} is ${attempt.state}; only a FAILURE or KILL task can be forced to success`,
        );
      assertTaskTransition(attempt.state, 'FORCED_SUCCESS');
      const now = new Date();
      const result = await trx
        .updateTable('task_instances')
        .set({
          state: 'FORCED_SUCCESS',
          change_actor: deps.processName,
          change_reason: `forced to success by ${actor}`.slice(0, 512),
          change_epoch: row.owner_epoch,
          updated_at: now,
        })
        .where('id', '=', attempt.id)
        .where('state', '=', attempt.state)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n)
        throw new ConflictError(`task ${task} of instance ${instanceId} changed meanwhile`);
      const event = { actor, action: 'force-success', targetKind: 'instance' } as const;
      const detail = { task, attempt: attempt.attempt, was: attempt.state };
      await recordAudit(trx, { ...event, target: instanceId, detail }, now);
      return true;
    }),
  );
}
