import {
  notifyOwner,
  recordStopRequest,
  type StopRequestDeps,
} from '../../shared/instances/request-stop.js';
import type { CallContext } from '../../shared/grpc/call-context.js';
import { recordAudit } from './audit-log.js';
import type { RequestKey } from './requests/request-key.js';
import { recordRequest } from './requests/request-store.js';

/**
 * A user's stop: shared/instances/request-stop.ts's protocol (record `stop_requested`, then tell
 * the owner), with the audit event written in the transaction that records the request. A
 * refused stop (unknown or ended instance) writes nothing. `request` (a request id) is recorded
 * in that transaction too.
 *
 * @throws NotFoundError when there is no such instance.
 * @throws FailedPreconditionError when it has already ended.
 */
export async function stopInstance(
  deps: StopRequestDeps,
  instanceId: string,
  reason: string,
  actor: string,
  call?: CallContext,
  request?: RequestKey,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const now = new Date();
    await recordStopRequest(trx, instanceId, reason, now);
    const event = { actor, action: 'stop', targetKind: 'instance', target: instanceId } as const;
    await recordAudit(trx, { ...event, detail: { reason } }, now);
    await recordRequest(trx, request, 'instance', instanceId, now);
  });
  await notifyOwner(deps, instanceId, call);
}
