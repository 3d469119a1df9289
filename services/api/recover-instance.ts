import { ATTR, inSpan } from '../../shared/telemetry/tracing.js';
import { OWNED_WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';
import { FailedPreconditionError } from '../../shared/errors.js';
import type { CallContext } from '../../shared/grpc/call-context.js';
import { lockInstance, reopenInstance } from '../../shared/instances/reopen-instance.js';
import type { StopRequestDeps } from '../../shared/instances/request-stop.js';
import { submitToMaster } from '../../shared/instances/submit-to-master.js';
import { recordAudit } from './audit-log.js';
import type { RequestKey } from './requests/request-key.js';
import { recordRequest } from './requests/request-store.js';

/**
 * A user's recover of a FAILURE instance, in place (same id, version, params and outputs): it
 * goes back to SUBMITTED in a new round (shared/instances/reopen-instance.ts) with the audit
 * row in the same transaction, then to a master, whose planner runs again what ended FAILURE or
 * KILL (each a new attempt with its retries fresh) and what was skipped after them. Idempotent:
 * an instance already carried on (a later round, not ended) is answered as it is, and nothing
 * is written. A refused recover writes nothing. `rerun` (a recover --from) names tasks that
 * run again even though they succeeded. `request` (a request id) is recorded in the
 * transaction when it is not refused.
 *
 * @returns whether this call recovered it.
 * @throws NotFoundError for an unknown id.
 * @throws FailedPreconditionError naming the state when it is not FAILURE, or for a child
 *   instance (its parent's recover recovers it in place).
 */
export function recoverInstance(
  deps: StopRequestDeps & { processName: string },
  instanceId: string,
  actor: string,
  call?: CallContext,
  rerun?: readonly string[],
  request?: RequestKey,
): Promise<boolean> {
  return inSpan(
    'baton.instance.recover',
    { attributes: { [ATTR.instanceId]: instanceId } },
    async () => {
      const recovered = await deps.db.transaction().execute(async (trx) => {
        const row = await lockInstance(trx, instanceId);
        if (row.parent_instance_id !== null)
          throw new FailedPreconditionError(
            `instance ${instanceId} is a child of instance ${row.parent_instance_id}; recover its parent`,
          );
        if (row.state !== 'FAILURE') {
          const carriedOn =
            row.round > 0 && (OWNED_WORKFLOW_STATES as readonly string[]).includes(row.state);
          if (carriedOn) {
            await recordRequest(trx, request, 'instance', instanceId);
            return false;
          }
          throw new FailedPreconditionError(
            `instance ${instanceId} is ${row.state}; only a FAILURE instance can be recovered`,
          );
        }
        const now = new Date();
        await reopenInstance(trx, row, {
          actor: deps.processName,
          reason: `recover (round ${row.round + 1}) by ${actor}`,
          ...(rerun === undefined ? {} : { rerun }),
        });
        const event = { actor, action: 'recover', targetKind: 'instance' } as const;
        await recordAudit(
          trx,
          { ...event, target: instanceId, detail: { round: row.round + 1 } },
          now,
        );
        await recordRequest(trx, request, 'instance', instanceId, now);
        return true;
      });
      if (recovered) await submitToMaster(deps.masters, deps.channels, instanceId, deps.log, call);
      return recovered;
    },
  );
}
