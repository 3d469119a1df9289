import { EventEmitter } from 'node:events';
import type { Watcher } from 'etcd3';
import { errorMessage } from '../errors.js';
import type { ServiceRuntime } from '../service-runtime.js';

interface LeaderEvents {
  /** This process leads; `term` is the leader key's create_revision. */
  elected: [term: bigint];
  deposed: [];
}

/**
 * Leader election on one key: whoever creates it (`create_revision == 0`, under its lease)
 * leads until the key goes. Followers watch the key and run again when it is deleted. A leader
 * whose lease is not fresh stops leading at once (the etcd3 client reports a lost lease late),
 * and whatever it does must still be safe if two briefly overlap.
 */
export class LeaderElection extends EventEmitter<LeaderEvents> {
  private term: bigint | undefined;
  private watcher: Watcher | undefined;
  private campaigning = false;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly key: string,
  ) {
    super();
  }

  async start(): Promise<void> {
    this.watcher = await this.runtime.etcd.watch().key(this.key).create();
    this.watcher.on('delete', () => {
      this.depose();
      void this.campaign();
    });
    this.runtime.on('leaseLost', () => this.depose());
    this.runtime.on('rejoined', () => void this.campaign());
    // The watch is what hands leadership over; this only retries an attempt that failed.
    this.retry = setInterval(() => void this.campaign(), this.runtime.env.LEASE_TTL_MS);
    this.retry.unref();
    await this.campaign();
  }

  isLeader(): boolean {
    return this.term !== undefined && this.runtime.lease.isFresh();
  }

  private async campaign(): Promise<void> {
    if (this.campaigning || this.stopped || this.term !== undefined) return;
    this.campaigning = true;
    try {
      const { etcd, lease, name } = this.runtime;
      const result = await etcd
        .if(this.key, 'Create', '==', 0)
        .then(etcd.put(this.key).value(name).lease(lease.etcdId))
        .commit();
      let term: bigint | undefined = result.succeeded ? BigInt(result.header.revision) : undefined;
      if (term === undefined) {
        // A retried transaction whose first attempt landed: the key is ours already.
        const kv = (await etcd.get(this.key).exec()).kvs[0];
        if (kv !== undefined && kv.lease === lease.etcdId) term = BigInt(kv.create_revision);
      }
      if (term !== undefined && !this.stopped) {
        this.term = term;
        this.runtime.log.info({ key: this.key, term: term.toString() }, 'elected leader');
        this.emit('elected', term);
      }
    } catch (err) {
      this.runtime.log.warn(
        { key: this.key, err: errorMessage(err) },
        'election attempt failed; the next change retries',
      );
    } finally {
      this.campaigning = false;
    }
  }

  private depose(): void {
    if (this.term === undefined) return;
    this.term = undefined;
    this.runtime.log.info({ key: this.key }, 'no longer leader');
    this.emit('deposed');
  }

  /** Resigns (deletes the key if it is still ours) so another process leads at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.retry);
    const term = this.term;
    this.depose();
    await this.watcher?.cancel();
    if (term === undefined) return;
    const { etcd } = this.runtime;
    await etcd
      .if(this.key, 'Create', '==', term.toString())
      .then(etcd.delete().key(this.key))
      .commit()
      .catch(() => undefined);
  }
}
