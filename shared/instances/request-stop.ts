import type { Etcd3 } from 'etcd3';
import type { Db } from '../db/connect.js';
import { TERMINAL_WORKFLOW_STATES } from '../domain/workflow-states.js';
import { errorMessage, FailedPreconditionError, NotFoundError } from '../errors.js';
import type { EtcdKeys } from '../etcd/keys.js';
import type { MemberDirectory } from '../etcd/member-directory.js';
import { readOwnership } from '../etcd/ownership.js';
import type { CallContext } from '../grpc/call-context.js';
import { makeServiceClient, type ChannelPool } from '../grpc/client.js';
import type { Logger } from '../log.js';
import { batonProto } from '../proto/load.js';
import { submitToMaster } from './submit-to-master.js';

export interface StopRequestDeps {
  db: Db;
  etcd: Etcd3;
  keys: EtcdKeys;
  masters: MemberDirectory;
  channels: ChannelPool;
  log: Logger;
}

/**
 * Records a stop request durably (`stop_requested`), then tells the owning master. The record
 * is what counts: an owner that misses the push sees it on its next reconcile, and a master
 * that adopts the instance later honours it, so a stop is never lost.
 *
 * @throws NotFoundError when there is no such instance.
 * @throws FailedPreconditionError when it has already ended.
 */
export async function requestStop(
  deps: StopRequestDeps,
  instanceId: string,
  reason: string,
  parent?: CallContext,
): Promise<void> {
  await recordStopRequest(deps.db, instanceId, reason);
  await notifyOwner(deps, instanceId, parent);
}

/**
 * Records `stop_requested` (and the reason, cut to 255 characters) on an instance that has not
 * ended. Pass a transaction to commit it with other writes.
 *
 * @throws NotFoundError when there is no such instance.
 * @throws FailedPreconditionError when it has already ended.
 */
export async function recordStopRequest(
  db: Db,
  instanceId: string,
  reason: string,
  at = new Date(),
): Promise<void> {
  const result = await db
    .updateTable('workflow_instances')
    .set({ stop_requested: 1, stop_reason: reason.slice(0, 255), updated_at: at })
    .where('id', '=', instanceId)
    .where('state', 'not in', [...TERMINAL_WORKFLOW_STATES])
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    const row = await db
      .selectFrom('workflow_instances')
      .select('state')
      .where('id', '=', instanceId)
      .executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`instance ${instanceId} does not exist`);
    throw new FailedPreconditionError(`instance ${instanceId} has already ended (${row.state})`);
  }
}

/** The master RPCs that tell an owner to act on a control recorded on the instance's row. */
export type OwnerControl = 'StopInstance' | 'PauseInstance' | 'ResumeInstance' | 'ForceTaskSuccess';

/**
 * Tells the instance's owner to act on `control` (stop by default) now, or, when nobody owns it yet, submits it so whoever
 * claims it sees the recorded request and ends it STOP. Call it after `stop_requested` is
 * recorded: the record is what counts, so a failed push is only logged and left to the owner's
 * next reconcile. Rejects only when etcd cannot be read for the ownership. The push's deadline
 * never passes that of `parent`, the call it serves.
 */
export async function notifyOwner(
  deps: StopRequestDeps,
  instanceId: string,
  parent?: CallContext,
  control: OwnerControl = 'StopInstance',
): Promise<void> {
  const ownership = await readOwnership(deps.etcd, deps.keys, instanceId);
  const owner = ownership === undefined ? undefined : deps.masters.get(ownership.holder);
  if (owner === undefined) {
    // Nobody runs it yet: whoever claims it now will see the request and end it STOP.
    await submitToMaster(deps.masters, deps.channels, instanceId, deps.log, parent);
    return;
  }
  try {
    const master = makeServiceClient(batonProto().Master.service, deps.channels.get(owner.address));
    await master[control](
      { instance_id: instanceId },
      { timeoutMs: 5_000, ...(parent === undefined ? {} : { parent }) },
    );
  } catch (err) {
    deps.log.warn(
      { instance_id: instanceId, control, err: errorMessage(err) },
      'control push failed; the owner reconciles it',
    );
  }
}
