import { ATTR, inSpan } from '../../shared/telemetry/tracing.js';
import { assertTaskTransition } from '../../shared/domain/task-states.js';
import {
  ConflictError,
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
} from '../../shared/errors.js';
import type { Db } from '../../shared/db/connect.js';
import type { CallContext } from '../../shared/grpc/call-context.js';
import { lockInstance } from '../../shared/instances/reopen-instance.js';
import { notifyOwner, type StopRequestDeps } from '../../shared/instances/request-stop.js';
import { recordAudit } from './audit-log.js';
import type { RequestKey } from './requests/request-key.js';
import { recordRequest } from './requests/request-store.js';

/**
 * Instance states in which a task may be forced: ended, so no master changes its tasks (forced
 * here), or PAUSE, whose owner carries the force out (recorded here, pushed to it).
 */
const FORCEABLE_IN = ['FAILURE', 'STOP', 'PAUSE'] as const;

/**
 * Declares the newest attempt of `task`, ended FAILURE or KILL, a success: FORCED_SUCCESS, a
 * terminal state that counts as SUCCESS for its dependents and for the instance's end. The
 * instance itself stays as it is; a recover (FAILURE) or resume (STOP, PAUSE) then runs what
 * follows. An ended instance has no owner: the write is a compare on the attempt's state under
 * the instance row's lock, recorded in the history by the trigger and in the audit log in the
 * same transaction. A PAUSE instance has an owner, which holds its tasks' states: the force is
 * recorded on the attempt (`force_requested`) with the audit row, pushed to the owner, and
 * carried out by it, fenced (services/master/run/force-control.ts), or by whichever master owns
 * the instance when it is read. Refused while a resume is recorded but not yet carried out. CONDITIONS and SWITCH tasks cannot be forced: a forced decision task
 * has no decision, and D1 wants its branch decided once, by the task (recover it instead).
 * Idempotent: forcing a FORCED_SUCCESS task answers as it is and writes nothing (but
 * `request`, a request id, which is recorded in the transaction whenever it is not refused).
 *
 * @returns whether this call forced it (or recorded the force for the owner).
 * @throws NotFoundError for an unknown instance, or a task with no attempt in it.
 * @throws FailedPreconditionError naming the state when the instance is not FAILURE, STOP or
 *   PAUSE (or is being resumed), or the task did not end FAILURE or KILL.
 */
export async function forceTaskSuccess(
  deps: StopRequestDeps & { processName: string },
  instanceId: string,
  task: string,
  actor: string,
  call?: CallContext,
  request?: RequestKey,
): Promise<boolean> {
  if (task === '') throw new InvalidArgumentError('task', 'must name a task');
  const attributes = { [ATTR.instanceId]: instanceId, [ATTR.task]: task };
  const how = await inSpan('baton.task.force-success', { attributes }, () =>
    deps.db.transaction().execute(async (trx): Promise<'forced' | 'requested' | 'nothing'> => {
      const row = await lockInstance(trx, instanceId);
      const attempt = await trx
        .selectFrom('task_instances')
        .select(['id', 'state', 'type', 'attempt', 'force_requested'])
        .where('instance_id', '=', instanceId)
        .where('task', '=', task)
        .orderBy('attempt', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (attempt === undefined)
        throw new NotFoundError(`instance ${instanceId} has no attempt of task ${task}`);
      if (attempt.state === 'FORCED_SUCCESS') {
        await recordRequest(trx, request, 'instance', instanceId);
        return 'nothing';
      }
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
      const event = { actor, action: 'force-success', targetKind: 'instance' } as const;
      const detail = { task, attempt: attempt.attempt, was: attempt.state };
      if (row.state === 'PAUSE') {
        if (row.pause_requested === 0)
          throw new FailedPreconditionError(
            `instance ${instanceId} is being resumed; force task ${task} once it is PAUSE or ended`,
          );
        // Asked again before the owner carried it out: push again, record nothing new.
        if (attempt.force_requested === 1) {
          await recordRequest(trx, request, 'instance', instanceId);
          return 'requested';
        }
        await recordForceRequest(trx, attempt.id, attempt.state);
        await recordAudit(trx, { ...event, target: instanceId, detail }, now);
        await recordRequest(trx, request, 'instance', instanceId, now);
        return 'requested';
      }
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
      await recordAudit(trx, { ...event, target: instanceId, detail }, now);
      await recordRequest(trx, request, 'instance', instanceId, now);
      return 'forced';
    }),
  );
  if (how === 'requested') await notifyOwner(deps, instanceId, call, 'ForceTaskSuccess');
  return how !== 'nothing';
}

/** Marks the attempt for its owner to force (still in the state the request was checked in). */
async function recordForceRequest(trx: Db, attemptId: string, state: string): Promise<void> {
  const result = await trx
    .updateTable('task_instances')
    .set({ force_requested: 1, updated_at: new Date() })
    .where('id', '=', attemptId)
    .where('state', '=', state)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new ConflictError(`task attempt ${attemptId} changed while its force was recorded`);
}
