import type { Etcd3, IKeyValue } from 'etcd3';
import type { SerialKeys } from '../../shared/serial/serial-keys.js';

/** A coordinator's claim on a shard as etcd holds it. */
export interface ShardClaim {
  shard: number;
  /** The claiming coordinator's name. */
  owner: string;
  /** The etcd lease the claim lives under. */
  lease: string;
  /** The claim's create revision: the fence of every write to the shard's queues. */
  revision: bigint;
}

/** A change to a shard claim seen by the watch; `shard` is undefined for a key not a shard's. */
export interface ShardClaimChange {
  kind: 'put' | 'delete';
  shard: number | undefined;
  /** The revision of the change (for a delete: the revision that deleted the key). */
  revision: bigint;
}

/**
 * The shard claim keys (`coordinators/shards/<k>`) in etcd: the reads, the watch and the two
 * transactions the ShardKeeper makes. Nothing else in the coordinator builds a transaction on
 * these keys (checked by test/storage-boundaries.test.ts).
 */
export class ShardClaimStore {
  constructor(
    private readonly etcd: Etcd3,
    private readonly keys: SerialKeys,
  ) {}

  /** Every shard claim in etcd, whoever holds it. */
  async claims(): Promise<ShardClaim[]> {
    const { kvs } = await this.etcd.getAll().prefix(this.keys.shards()).exec();
    return kvs.flatMap((kv) => {
      const shard = this.keys.shardOfKey(kv.key.toString());
      if (shard === undefined) return [];
      return [
        {
          shard,
          owner: kv.value.toString(),
          lease: kv.lease,
          revision: BigInt(kv.create_revision),
        },
      ];
    });
  }

  /**
   * Watches the claim keys; `onChange` gets every put and delete. @returns a function that
   * cancels the watch.
   */
  async watch(onChange: (change: ShardClaimChange) => void): Promise<() => Promise<void>> {
    const watcher = await this.etcd.watch().prefix(this.keys.shards()).create();
    const change = (kind: ShardClaimChange['kind'], kv: IKeyValue): ShardClaimChange => ({
      kind,
      shard: this.keys.shardOfKey(kv.key.toString()),
      revision: BigInt(kv.mod_revision),
    });
    watcher.on('put', (kv) => onChange(change('put', kv)));
    watcher.on('delete', (kv) => onChange(change('delete', kv)));
    return () => watcher.cancel();
  }

  /**
   * Claims a free shard: compares that its key does not exist (`create_revision == 0`); puts
   * `name` under `leaseId`, so the claim ends with the lease. @returns the claim's revision (the
   * fence), or undefined when the shard is taken.
   */
  async claimShard(shard: number, name: string, leaseId: string): Promise<bigint | undefined> {
    const key = this.keys.shard(shard);
    const result = await this.etcd
      .if(key, 'Create', '==', 0)
      .then(this.etcd.put(key).value(name).lease(leaseId))
      .commit();
    return result.succeeded ? BigInt(result.header.revision) : undefined;
  }

  /**
   * Gives a shard back: compares that the key is still the claim made at `revision`; deletes
   * it. @returns whether it committed (false: the claim was already gone or is another's).
   */
  async releaseShard(shard: number, revision: bigint): Promise<boolean> {
    const key = this.keys.shard(shard);
    const result = await this.etcd
      .if(key, 'Create', '==', revision.toString())
      .then(this.etcd.delete().key(key))
      .commit();
    return result.succeeded;
  }
}
