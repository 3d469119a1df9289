import type { MemberDirectory } from '../etcd/member-directory.js';
import type { CallContext } from '../grpc/call-context.js';
import { makeServiceClient, type ChannelPool } from '../grpc/client.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { batonProto } from '../proto/load.js';

/**
 * Pushes a recorded instance to a live master that is not draining, trying up to two of them.
 * A push that fails is not an error for the caller: the instance is in MySQL and a master's
 * reconciler adopts it. Returns the owner's name when a master took it. Each call's deadline
 * is at most 5 s and never past the deadline of `parent`, the call this push serves (whose
 * cancellation it follows too).
 */
export async function submitToMaster(
  masters: MemberDirectory,
  channels: ChannelPool,
  instanceId: string,
  log: Logger,
  parent?: CallContext,
): Promise<string | undefined> {
  const candidates = masters
    .list()
    .filter((m) => m.draining !== true)
    .sort(() => Math.random() - 0.5)
    .slice(0, 2);
  for (const master of candidates) {
    try {
      const client = makeServiceClient(batonProto().Master.service, channels.get(master.address));
      const response = await client.SubmitInstance(
        { instance_id: instanceId },
        { timeoutMs: 5_000, ...(parent === undefined ? {} : { parent }) },
      );
      return response.owner;
    } catch (err) {
      log.warn(
        { instance_id: instanceId, master: master.name, err: errorMessage(err) },
        'submit to master failed',
      );
    }
  }
  return undefined;
}
