import { errorMessage } from '../../../shared/errors.js';
import type { MemberDirectory } from '../../../shared/etcd/member-directory.js';
import { readOwnerships } from '../../../shared/etcd/ownership.js';
import type { ServiceRuntime } from '../../../shared/service-runtime.js';
import { CoalescingLoop } from '../../../shared/coalescing-loop.js';
import type { InstanceQueries } from '../store/instance-queries.js';
import type { OwnedInstances } from './owned-instances.js';

const LOST_PUSH_LIMIT = 1_000;
const FULL_SCAN_LIMIT = 20_000;
/** Owner keys one full scan reads at most (20 read-only transactions). */
const OWNER_LOOKUP_LIMIT = 2_000;
/** Every this many passes, a full scan for orphans whatever their recorded owner. */
const FULL_SCAN_EVERY = 10;

/**
 * The safety net that makes a lost message a delay, never a stuck instance. It is not the hot
 * path: starting, dispatching and reporting are pushed, and a master's death is seen through
 * its etcd lease. Each pass (every interval) it adopts starts whose push was lost and asks each
 * owned run to re-check what it waits on; a dead master's instances are adopted at once, found
 * by owner; and every few passes a full scan adopts anything else that has no owner in etcd
 * (e.g. orphans of a master that died while no other was alive). The full scan also takes back
 * this master's own instances that it no longer runs: runs it reset after a failure, and
 * everything it dropped when it lost its lease (when every master lost its lease at once, say
 * in an etcd outage, no survivor was there to adopt them, and their recorded owners are all
 * alive again) — so it is due at once after either, not only every few passes.
 */
export class Reconciler {
  private readonly loop: CoalescingLoop;
  private stopped = false;
  private passes = 0;
  /** A full scan is wanted at the next pass (and stays wanted until one succeeds). */
  private fullScanDue = true;
  /** The full scan goes on after this instance id (0: from the start). */
  private scanCursor = '0';

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly queries: InstanceQueries,
    private readonly owned: OwnedInstances,
    private readonly masters: MemberDirectory,
    intervalMs: number,
    private readonly submitGraceMs: number,
  ) {
    this.loop = new CoalescingLoop(
      () => this.pass(),
      intervalMs,
      (err) => runtime.log.warn({ err: errorMessage(err) }, 'reconcile pass failed'),
    );
  }

  /** Starts with a full scan: orphans may date from before this master existed. */
  start(): void {
    this.trigger();
  }

  /** Runs a pass now (or right after the one in progress). */
  trigger(): void {
    this.loop.trigger();
  }

  /**
   * Makes the next pass a full scan: this master dropped instances it still owns in MySQL (a
   * reset run, or all of them with a lost lease). `now` runs that pass at once; a reset waits
   * for the interval, so a failure that repeats cannot make a busy loop.
   */
  scanForOrphans(now: boolean): void {
    this.fullScanDue = true;
    if (now) this.trigger();
  }

  /** A master left: race the survivors for each of its unfinished instances now. */
  failover(deadMaster: string): void {
    void this.queries
      .unfinishedOwnedBy(deadMaster)
      .then((ids) => {
        this.runtime.log.info({ master: deadMaster, instances: ids }, 'failing over');
        return this.adoptAll(ids);
      })
      .catch((err: unknown) =>
        this.runtime.log.warn(
          { master: deadMaster, err: errorMessage(err) },
          'failover scan failed',
        ),
      );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
  }

  private async pass(): Promise<void> {
    if (!this.runtime.lease.isFresh()) return;
    if (this.passes % FULL_SCAN_EVERY === 0) this.fullScanDue = true;
    this.passes += 1;
    await this.adoptLostPushes();
    await this.reconcileOwned();
    if (this.fullScanDue) {
      this.fullScanDue = false;
      await this.adoptOrphans().catch((err: unknown) => {
        this.fullScanDue = true;
        throw err;
      });
    }
  }

  /** Starts recorded but never claimed (the push to a master failed). */
  private async adoptLostPushes(): Promise<void> {
    const ids = await this.queries.unpushedStarts(
      new Date(Date.now() - this.submitGraceMs),
      LOST_PUSH_LIMIT,
    );
    await this.adoptAll(ids.filter((id) => this.owned.get(id) === undefined));
  }

  /** Each owned run re-checks its tasks, children and serial decision; stop, pause and force requests are re-read. */
  private async reconcileOwned(): Promise<void> {
    if (this.owned.size === 0) return;
    const stopReasons = await this.queries.stopRequestsOf(this.runtime.name);
    const pauses = await this.queries.pauseRequestsOf(this.runtime.name);
    // After the pauses: a resume read above comes with the forces recorded before it.
    const forces = await this.queries.forceRequestsOf(this.runtime.name);
    for (const run of this.owned.all())
      run.reconcile(
        stopReasons.has(run.id),
        stopReasons.get(run.id) ?? null,
        pauses.has(run.id),
        forces.get(run.id) ?? [],
      );
  }

  /**
   * Unfinished instances whose recorded owner is not a live master, or is this master, and
   * that no other master claims in etcd. An owner key of our own for an instance we do not run
   * (its release failed) does not stop us: claiming recognises our own key.
   */
  private async adoptOrphans(): Promise<void> {
    const self = this.runtime.name;
    const others = this.masters
      .list()
      .map((m) => m.name)
      .filter((name) => name !== self);
    const rows = await this.queries.orphanCandidates(this.scanCursor, others, FULL_SCAN_LIMIT);
    const unrun = rows.filter((id) => this.owned.get(id) === undefined);
    // A bounded slice per scan: a large backlog held by others (their keys in etcd) costs each
    // scan OWNER_LOOKUP_LIMIT key reads, not a read of every owner key, and the next scan goes
    // on from where this one stopped, wrapping around at the end.
    const candidates = unrun.slice(0, OWNER_LOOKUP_LIMIT);
    const reachedEnd = rows.length < FULL_SCAN_LIMIT && candidates.length === unrun.length;
    this.scanCursor = reachedEnd ? '0' : (candidates.at(-1) ?? rows.at(-1) ?? '0');
    if (candidates.length === 0) {
      // Nothing read from etcd: going on at the next pass costs only the MySQL query.
      if (!reachedEnd) this.fullScanDue = true;
      return;
    }
    const owners = await readOwnerships(
      this.runtime.etcd,
      this.runtime.keys,
      candidates,
      this.runtime.bulk,
    );
    const ids = candidates.filter((id) => (owners.get(id)?.holder ?? self) === self);
    // Issue 12: this sweep was the owner-key reader that saturated etcd. Every row of the
    // bench's 100,000 backlog names a holder that is no live master, so each is a candidate;
    // the sweep never reached its end, so it ran at EVERY pass (2 s) on every master: 2,000
    // owner keys (20 read-only transactions of 100 `limit:1` ranges) per master per 2 s, about
    // 1,000 reads/s each, round and round, all found held. Now the sweep goes on at the next
    // pass only if its slice held something to adopt; a slice held entirely by others waits
    // for the regular full scan (every FULL_SCAN_EVERY passes): 100 reads/s per master at most
    // against such a backlog, and its transactions wait their turn in the bulkhead.
    if (!reachedEnd && ids.length > 0) this.fullScanDue = true;
    await this.adoptAll(ids);
    // A key of ours under the lease we lost blocks the claim until it expires (within the
    // TTL; etcd restarts the clock when it restarts): look again at the next pass.
    if (ids.some((id) => owners.has(id) && this.owned.get(id) === undefined))
      this.fullScanDue = true;
  }

  private async adoptAll(ids: string[]): Promise<void> {
    if (ids.length === 0 || this.stopped) return;
    await this.owned.adoptMany(ids);
  }
}
