import { EventEmitter } from 'node:events';
import type { Etcd3, Lease } from 'etcd3';
import { OwnershipLostError } from '../errors.js';
import type { Logger } from '../log.js';

interface MemberLeaseEvents {
  /** The lease is gone or must be treated as gone; everything held under it is lost. */
  lost: [reason: string];
}

/**
 * A process's etcd lease, kept alive automatically, plus the self-fencing check the etcd3
 * client lacks: the client reports a lost lease only after ~2×TTL, but etcd may expire it after
 * 1×TTL, so holders call `assertFresh()` before acting and stop once the last keep-alive that
 * etcd confirmed was sent more than TTL ago (see ../shared/reference/etcd-and-fencing.md §6.2).
 */
export class MemberLease extends EventEmitter<MemberLeaseEvents> {
  private lastFiredAt = 0;
  private lastConfirmedAt: number;
  private lostReason: string | undefined;
  private readonly staleTimer: NodeJS.Timeout;

  private constructor(
    private readonly lease: Lease,
    /** The lease id, 64-bit. */
    readonly id: bigint,
    readonly ttlMs: number,
    grantedAt: number,
    private readonly log: Logger,
  ) {
    super();
    this.lastConfirmedAt = grantedAt;
    // A keep-alive extends the lease from when etcd received it, which is no earlier than when
    // it was sent: count freshness from the send time of the newest confirmed keep-alive.
    lease.on('keepaliveFired', () => {
      this.lastFiredAt = Date.now();
    });
    lease.on('keepaliveSucceeded', (res) => {
      if (Number(res.TTL) <= 0) return;
      this.lastConfirmedAt = Math.max(this.lastConfirmedAt, this.lastFiredAt);
    });
    lease.on('lost', (err) => this.markLost(`etcd lease lost: ${err.message}`));
    this.staleTimer = setInterval(
      () => {
        if (!this.isFresh())
          this.markLost(`no confirmed keep-alive for ${Date.now() - this.lastConfirmedAt} ms`);
      },
      Math.max(100, Math.floor(ttlMs / 10)),
    );
    this.staleTimer.unref();
  }

  /** Grants a lease of `ttlMs` (whole seconds) and keeps it alive until revoked or lost. */
  static async grant(etcd: Etcd3, ttlMs: number, log: Logger): Promise<MemberLease> {
    const sentAt = Date.now();
    const lease = etcd.lease(Math.round(ttlMs / 1000), { autoKeepAlive: true });
    const id = await lease.grant();
    return new MemberLease(lease, BigInt(id), ttlMs, sentAt, log);
  }

  /** The id in the form the etcd3 client takes. */
  get etcdId(): string {
    return this.id.toString();
  }

  get lost(): boolean {
    return this.lostReason !== undefined;
  }

  /** True while the lease is certainly still alive in etcd. */
  isFresh(now = Date.now()): boolean {
    return this.lostReason === undefined && now - this.lastConfirmedAt < this.ttlMs;
  }

  /** Milliseconds since the newest keep-alive etcd confirmed was sent. */
  keepAliveAgeMs(now = Date.now()): number {
    return now - this.lastConfirmedAt;
  }

  /** @throws OwnershipLostError when the lease may have expired in etcd. */
  assertFresh(): void {
    if (!this.isFresh()) {
      throw new OwnershipLostError(
        `lease ${this.id} is not fresh: ${this.lostReason ?? 'keep-alive too old'}`,
      );
    }
  }

  private markLost(reason: string): void {
    if (this.lostReason !== undefined) return;
    this.lostReason = reason;
    clearInterval(this.staleTimer);
    this.log.warn({ lease: this.etcdId, reason }, 'lease lost');
    // If etcd still has it, revoking frees our keys now instead of after the TTL, so others
    // take over sooner; if etcd is unreachable the lease simply expires.
    this.lease.revoke().catch(() => this.lease.release());
    this.emit('lost', reason);
  }

  /** Revokes the lease (its keys vanish at once). Best effort when etcd is unreachable. */
  async revoke(): Promise<void> {
    clearInterval(this.staleTimer);
    if (this.lostReason === undefined) this.lostReason = 'revoked';
    try {
      await this.lease.revoke();
    } catch (err) {
      this.log.warn({ err, lease: this.etcdId }, 'lease revoke failed; it will expire');
      this.lease.release();
    }
  }
}
