import { EventEmitter } from 'node:events';
import { CoalescingLoop } from '../../shared/coalescing-loop.js';
import { UnavailableError } from '../../shared/errors.js';
import type { MemberDirectory } from '../../shared/etcd/member-directory.js';
import { shardOf } from '../../shared/serial/serial-keys.js';
import type { ServiceRuntime } from '../../shared/service-runtime.js';
import type { ShardClaim, ShardClaimStore } from './shard-claim-store.js';

interface ShardKeeperEvents {
  acquired: [shard: number];
  lost: [shard: number];
}

/**
 * Owns a fair share of the serial shards: each coordinator holds about shards / coordinators,
 * each claimed with a `create_revision == 0` transaction under its lease. The claim's revision
 * is the fence every queue transaction of that shard compares, so a coordinator that lost a
 * shard (its lease expired, it was paused) cannot change that shard's queues any more.
 */
export class ShardKeeper extends EventEmitter<ShardKeeperEvents> {
  private readonly owned = new Map<number, bigint>();
  private cancelWatch: (() => Promise<void>) | undefined;
  private readonly loop: CoalescingLoop;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly claims: ShardClaimStore,
    readonly shardCount: number,
    private readonly coordinators: MemberDirectory,
  ) {
    super();
    // The watch on the shard keys drives balancing; the interval only retries what failed.
    this.loop = new CoalescingLoop(
      () => this.balance(),
      runtime.env.LEASE_TTL_MS,
      (err) => runtime.log.warn({ err }, 'shard balancing failed'),
    );
  }

  async start(): Promise<void> {
    this.cancelWatch = await this.claims.watch(({ kind, shard, revision }) => {
      const ours = shard === undefined ? undefined : this.owned.get(shard);
      // The watch can lag behind our own claim: the deletion of the key an earlier holder had
      // (its lease expired) may arrive after we claimed the shard anew. Only a deletion after
      // our claim's revision deletes our claim.
      if (kind === 'delete' && shard !== undefined && ours !== undefined && revision > ours)
        this.lose(shard);
      this.rebalance();
    });
    this.coordinators.on('added', () => this.rebalance());
    this.coordinators.on('removed', () => this.rebalance());
    this.runtime.on('leaseLost', () => {
      for (const shard of [...this.owned.keys()]) this.lose(shard);
    });
    this.runtime.on('rejoined', () => this.rebalance());
    this.rebalance();
  }

  /** The fencing revision for `workflow`'s shard. @throws UnavailableError if not ours. */
  fenceFor(workflow: string): { shard: number; revision: bigint } {
    const shard = shardOf(workflow, this.shardCount);
    const revision = this.owned.get(shard);
    if (revision === undefined || !this.runtime.lease.isFresh()) {
      throw new UnavailableError(`coordinator ${this.runtime.name} does not own shard ${shard}`);
    }
    return { shard, revision };
  }

  ownedShards(): number[] {
    return [...this.owned.keys()];
  }

  /** Re-balances now (or right after the pass in progress). */
  rebalance(): void {
    this.loop.trigger();
  }

  private async balance(): Promise<void> {
    const { lease, name } = this.runtime;
    if (!lease.isFresh()) return;
    const claims = await this.claims.claims();
    this.recoverOwnClaims(claims, lease.etcdId);
    const live = Math.max(1, this.coordinators.list().length);
    const target = Math.ceil(this.shardCount / live);
    for (const shard of [...this.owned.keys()].sort((a, b) => b - a)) {
      if (this.owned.size <= target) break;
      const revision = this.owned.get(shard)!;
      this.lose(shard);
      await this.claims.releaseShard(shard, revision);
      this.runtime.log.info({ shard, target }, 'released shard for balance');
    }
    if (this.owned.size >= target) return;
    const taken = new Set(claims.map((claim) => claim.shard));
    // Start from a per-coordinator offset so that coordinators starting together spread out.
    const offset = shardOf(name, this.shardCount);
    for (let i = 0; i < this.shardCount && this.owned.size < target; i += 1) {
      const shard = (offset + i) % this.shardCount;
      if (taken.has(shard) || this.owned.has(shard)) continue;
      const revision = await this.claims.claimShard(shard, name, lease.etcdId);
      if (revision === undefined) continue;
      this.owned.set(shard, revision);
      this.runtime.log.info({ shard }, 'acquired shard');
      this.emit('acquired', shard);
    }
  }

  /**
   * Takes back claims that are ours in etcd (our name, our current lease) but not in `owned`:
   * a claim transaction that landed although its answer was lost (the retry then finds the key
   * taken), or a claim dropped by mistake. Left alone, such a key would hold its shard — and
   * every serial queue in it — until our lease ends, with nobody serving it.
   */
  private recoverOwnClaims(claims: readonly ShardClaim[], leaseId: string): void {
    for (const claim of claims) {
      const { shard } = claim;
      if (this.owned.has(shard)) continue;
      if (claim.owner !== this.runtime.name || claim.lease !== leaseId) continue;
      this.owned.set(shard, claim.revision);
      this.runtime.log.info({ shard }, 'recovered shard claim');
      this.emit('acquired', shard);
    }
  }

  private lose(shard: number): void {
    if (!this.owned.delete(shard)) return;
    this.runtime.log.info({ shard }, 'lost shard');
    this.emit('lost', shard);
  }

  /** Gives every shard back (deleting the keys) so others take them at once. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await this.cancelWatch?.();
    for (const [shard, revision] of this.owned) {
      // Best effort: a claim not given back ends with our lease anyway.
      await this.claims.releaseShard(shard, revision).catch(() => undefined);
    }
    this.owned.clear();
  }
}
