import type { Etcd3 } from 'etcd3';
import type { EtcdBulkhead } from './bulkhead.js';
import type { EtcdKeys } from './keys.js';
import type { MemberLease } from './member-lease.js';

/** Who owns an instance, and under which epoch (the owner key's create_revision). */
export interface Ownership {
  holder: string;
  epoch: bigint;
  leaseId: bigint;
}

/**
 * Claims an instance for `holder` with a `create_revision == 0` transaction putting the owner
 * key under the holder's lease. Returns the epoch (the key's create_revision) on success, or
 * undefined when someone else holds it. A claim whose transaction landed but whose answer was
 * lost (and was retried) is recognised by the lease on the key.
 */
export async function claimOwnership(
  etcd: Etcd3,
  keys: EtcdKeys,
  instanceId: string,
  holder: string,
  lease: MemberLease,
): Promise<bigint | undefined> {
  lease.assertFresh();
  const key = keys.owner(instanceId);
  const result = await etcd
    .if(key, 'Create', '==', 0)
    .then(etcd.put(key).value(holder).lease(lease.etcdId))
    .commit();
  if (result.succeeded) return BigInt(result.header.revision);
  const current = await readOwnership(etcd, keys, instanceId);
  return current !== undefined && current.leaseId === lease.id && current.holder === holder
    ? current.epoch
    : undefined;
}

export async function readOwnership(
  etcd: Etcd3,
  keys: EtcdKeys,
  instanceId: string,
): Promise<Ownership | undefined> {
  const response = await etcd.get(keys.owner(instanceId)).exec();
  const kv = response.kvs[0];
  return kv === undefined ? undefined : ownershipOf(kv);
}

/** Owner keys read per transaction by `readOwnerships` (etcd allows 128 operations). */
const READ_BATCH = 100;

/**
 * The owner keys of the given instances, by instance id (absent: no owner). One read-only
 * transaction per READ_BATCH ids, so its cost follows the ids asked about, not every owned
 * instance in the cluster; each transaction waits its turn in `bulk`, this process's bound on
 * bulk etcd work, so many callers at once cannot flood etcd with linearizable reads.
 * @throws ResourceExhaustedError when `bulk`'s queue is full (retryable).
 */
export async function readOwnerships(
  etcd: Etcd3,
  keys: EtcdKeys,
  instanceIds: readonly string[],
  bulk: EtcdBulkhead,
): Promise<Map<string, Ownership>> {
  const owners = new Map<string, Ownership>();
  for (let i = 0; i < instanceIds.length; i += READ_BATCH) {
    const batch = instanceIds.slice(i, i + READ_BATCH);
    // The owners prefix itself is never a key: its version is 0, so the reads always run.
    const result = await bulk.run(() =>
      etcd
        .if(keys.owners(), 'Version', '==', 0)
        .then(...batch.map((id) => etcd.get(keys.owner(id))))
        .commit(),
    );
    result.responses.forEach((response, k) => {
      const kv = response.response_range.kvs[0];
      if (kv !== undefined) owners.set(batch[k]!, ownershipOf(kv));
    });
  }
  return owners;
}

function ownershipOf(kv: { value: Buffer; create_revision: string; lease: string }): Ownership {
  return {
    holder: kv.value.toString(),
    epoch: BigInt(kv.create_revision),
    leaseId: BigInt(kv.lease),
  };
}

/** Deletes the owner key only if it is still the claim made at `epoch`. */
export async function releaseOwnership(
  etcd: Etcd3,
  keys: EtcdKeys,
  instanceId: string,
  epoch: bigint,
): Promise<boolean> {
  const key = keys.owner(instanceId);
  const result = await etcd
    .if(key, 'Create', '==', epoch.toString())
    .then(etcd.delete().key(key))
    .commit();
  return result.succeeded;
}

/**
 * Claims several instances in ONE transaction (every owner key `create_revision == 0`, all put
 * under the lease): the epoch is the same revision for all. Fails as a whole (undefined) if
 * any is owned already; the caller then claims them one by one. Used by failover, where a dead
 * master's instances are all unowned at once.
 */
export async function claimOwnershipBatch(
  etcd: Etcd3,
  keys: EtcdKeys,
  instanceIds: readonly string[],
  holder: string,
  lease: MemberLease,
): Promise<bigint | undefined> {
  lease.assertFresh();
  const [first, ...rest] = instanceIds;
  if (first === undefined) return undefined;
  let txn = etcd.if(keys.owner(first), 'Create', '==', 0);
  for (const id of rest) txn = txn.and(keys.owner(id), 'Create', '==', 0);
  const result = await txn
    .then(...instanceIds.map((id) => etcd.put(keys.owner(id)).value(holder).lease(lease.etcdId)))
    .commit();
  return result.succeeded ? BigInt(result.header.revision) : undefined;
}
