import { EventEmitter } from 'node:events';
import type { Etcd3, IKeyValue } from 'etcd3';
import { afterAll, describe, expect, it } from 'vitest';
import { connectEtcd } from '../../shared/etcd/connect.js';
import type { MemberDirectory } from '../../shared/etcd/member-directory.js';
import { createLogger } from '../../shared/log.js';
import { SerialKeys } from '../../shared/serial/serial-keys.js';
import type { ServiceRuntime } from '../../shared/service-runtime.js';
import { etcdEndpoint, uniqueEtcdPrefix } from '../../test/support/test-env.js';
import { ShardClaimStore } from './shard-claim-store.js';
import { ShardKeeper } from './shard-keeper.js';

const NAME = 'coordinator-a';

/** A real etcd watch whose delete events the test holds back, as a lagging watch does. */
class LaggingWatch extends EventEmitter {
  holding = false;
  readonly held: IKeyValue[] = [];
  private cancelReal: (() => Promise<void>) | undefined;

  async open(etcd: Etcd3, prefix: string): Promise<this> {
    const real = await etcd.watch().prefix(prefix).create();
    real.on('put', (kv) => this.emit('put', kv));
    real.on('delete', (kv) => (this.holding ? this.held.push(kv) : this.emit('delete', kv)));
    this.cancelReal = () => real.cancel();
    return this;
  }

  /** Delivers what was held, late. */
  release(): void {
    this.holding = false;
    for (const kv of this.held.splice(0)) this.emit('delete', kv);
  }

  async cancel(): Promise<void> {
    await this.cancelReal?.();
  }
}

/**
 * Found by the chaos run (test/chaos): a coordinator whose shard watch lagged got the deletion
 * of an earlier holder's claim after it had claimed the shard anew, and dropped a shard it
 * owned; and a claim of its own that it did not know (its answer was lost) held the shard, with
 * nobody serving it, until its lease ended. Driven here on a real etcd, one shard, one keeper.
 */
describe('ShardKeeper on a real etcd', () => {
  const etcd = connectEtcd([etcdEndpoint()]);
  afterAll(() => etcd.close());

  function keeperWith(keys: SerialKeys, leaseId: string) {
    const watch = new LaggingWatch();
    const lagging = Object.create(etcd) as Etcd3;
    lagging.watch = () =>
      ({
        prefix: (prefix: string) => ({ create: () => watch.open(etcd, prefix) }),
      }) as unknown as ReturnType<Etcd3['watch']>;
    const runtime = Object.assign(new EventEmitter(), {
      name: NAME,
      lease: { isFresh: () => true, etcdId: leaseId },
      log: createLogger('coordinator', 'test', 'silent'),
      env: { LEASE_TTL_MS: 60_000 },
    }) as unknown as ServiceRuntime;
    const coordinators = Object.assign(new EventEmitter(), {
      list: () => [{ name: NAME }],
    }) as unknown as MemberDirectory;
    const keeper = new ShardKeeper(runtime, new ShardClaimStore(lagging, keys), 1, coordinators);
    const lost: number[] = [];
    keeper.on('lost', (shard) => lost.push(shard));
    return { keeper, watch, lost };
  }

  async function createRevision(key: string): Promise<bigint> {
    const kv = (await etcd.get(key).exec()).kvs[0];
    if (kv === undefined) throw new Error(`${key} is missing`);
    return BigInt(kv.create_revision);
  }

  it('keeps a shard it claimed anew when the deletion of the older claim arrives late', async () => {
    const keys = new SerialKeys(uniqueEtcdPrefix('shard-keeper-lag'));
    const earlier = etcd.lease(60);
    await earlier.put(keys.shard(0)).value('coordinator-earlier');
    const own = etcd.lease(60);
    const { keeper, watch, lost } = keeperWith(keys, await own.grant());
    try {
      await keeper.start();
      expect(keeper.ownedShards()).toEqual([]);

      // The earlier holder's lease ends; our watch has not delivered the deletion yet.
      watch.holding = true;
      await earlier.revoke();
      await expect.poll(() => watch.held.length).toBe(1);
      keeper.rebalance();
      await expect.poll(() => keeper.ownedShards()).toEqual([0]);
      const claim = await createRevision(keys.shard(0));
      expect(BigInt(watch.held[0]!.mod_revision)).toBeLessThan(claim);

      watch.release();
      expect(lost).toEqual([]);
      expect(keeper.fenceFor('any-workflow')).toEqual({ shard: 0, revision: claim });
      // Still ours in etcd too, under our lease.
      expect(await etcd.get(keys.shard(0)).string()).toBe(NAME);
    } finally {
      await keeper.stop();
      await own.revoke();
    }
  });

  it('takes back a claim of its own in etcd that it does not know about', async () => {
    const keys = new SerialKeys(uniqueEtcdPrefix('shard-keeper-recover'));
    const own = etcd.lease(60);
    const leaseId = await own.grant();
    // A claim transaction that landed although its answer was lost.
    await own.put(keys.shard(0)).value(NAME);
    const claim = await createRevision(keys.shard(0));
    const { keeper, lost } = keeperWith(keys, leaseId);
    try {
      await keeper.start();
      await expect.poll(() => keeper.ownedShards(), { timeout: 5_000 }).toEqual([0]);
      expect(keeper.fenceFor('any-workflow')).toEqual({ shard: 0, revision: claim });
      expect(lost).toEqual([]);
    } finally {
      await keeper.stop();
      await own.revoke();
    }
  });
});
