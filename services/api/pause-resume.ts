import { ATTR, inSpan } from '../../shared/telemetry/tracing.js';
import { FailedPreconditionError } from '../../shared/errors.js';
import type { CallContext } from '../../shared/grpc/call-context.js';
import { clearPause, recordPause } from '../../shared/instances/request-pause.js';
import { notifyOwner, type StopRequestDeps } from '../../shared/instances/request-stop.js';
import { lockInstance, reopenInstance } from '../../shared/instances/reopen-instance.js';
import { submitToMaster } from '../../shared/instances/submit-to-master.js';
import { recordAudit } from './audit-log.js';
import type { RequestKey } from './requests/request-key.js';
import { recordRequest } from './requests/request-store.js';

type Deps = StopRequestDeps & { processName: string };

/**
 * A user's pause: `pause_requested` recorded with its audit row in one transaction, then pushed
 * to the owner (the owner's reconciler reads it too). Idempotent; a refused pause writes
 * nothing. `request` (a request id) is recorded in that transaction, changed or not.
 *
 * @throws NotFoundError; FailedPreconditionError naming the state when it is not RUNNING.
 */
export function pauseInstance(
  deps: Deps,
  instanceId: string,
  actor: string,
  call?: CallContext,
  request?: RequestKey,
): Promise<void> {
  return inSpan(
    'baton.instance.pause',
    { attributes: { [ATTR.instanceId]: instanceId } },
    async () => {
      const changed = await deps.db.transaction().execute(async (trx) => {
        const record = await recordPause(trx, instanceId);
        if (record.changed) await audit(trx, actor, 'pause', instanceId, {});
        await recordRequest(trx, request, 'instance', instanceId);
        return record.changed;
      });
      if (changed) await notifyOwner(deps, instanceId, call, 'PauseInstance');
    },
  );
}

/**
 * A user's resume. From PAUSE or READY_PAUSE (or a pause not yet carried out): the pause
 * request is cleared and the owner resumes the instance where it was (children with it). From
 * STOP: the instance is carried on in place in a new round (as a recover is), so the tasks the
 * stop killed run again as new attempts and a killed SUB_WORKFLOW task resumes its own child.
 * Idempotent: a RUNNING instance that is not pausing is answered as it is. `request` (a
 * request id) is recorded in the transaction, whatever it did.
 *
 * @throws NotFoundError; FailedPreconditionError naming the state otherwise.
 */
export function resumeInstance(
  deps: Deps,
  instanceId: string,
  actor: string,
  call?: CallContext,
  request?: RequestKey,
): Promise<void> {
  return inSpan(
    'baton.instance.resume',
    { attributes: { [ATTR.instanceId]: instanceId } },
    async () => {
      const how = await deps.db.transaction().execute(async (trx) => {
        const row = await lockInstance(trx, instanceId);
        await recordRequest(trx, request, 'instance', instanceId);
        if (row.state === 'STOP') {
          if (row.parent_instance_id !== null)
            throw new FailedPreconditionError(
              `instance ${instanceId} is a child of instance ${row.parent_instance_id}; resume its parent`,
            );
          await reopenInstance(trx, row, {
            actor: deps.processName,
            reason: `resume from STOP (round ${row.round + 1}) by ${actor}`,
          });
          await audit(trx, actor, 'resume', instanceId, { from: 'STOP', round: row.round + 1 });
          return 'reopened' as const;
        }
        const pausable = ['PAUSE', 'READY_PAUSE', 'RUNNING', 'SUBMITTED', 'SERIAL_WAIT'];
        if (!pausable.includes(row.state))
          throw new FailedPreconditionError(
            `instance ${instanceId} is ${row.state}; only a PAUSE or STOP instance can be resumed`,
          );
        if (row.pause_requested === 0) {
          if (row.state === 'PAUSE' || row.state === 'READY_PAUSE') return 'pushed' as const;
          return 'nothing' as const;
        }
        await clearPause(trx, row);
        await audit(trx, actor, 'resume', instanceId, { from: row.state });
        return 'pushed' as const;
      });
      if (how === 'reopened')
        await submitToMaster(deps.masters, deps.channels, instanceId, deps.log, call);
      else if (how === 'pushed') await notifyOwner(deps, instanceId, call, 'ResumeInstance');
    },
  );
}

function audit(
  trx: Deps['db'],
  actor: string,
  action: 'pause' | 'resume',
  instanceId: string,
  detail: Record<string, unknown>,
): Promise<void> {
  return recordAudit(trx, { actor, action, targetKind: 'instance', target: instanceId, detail });
}
