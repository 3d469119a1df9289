import type { Db } from '../../shared/db/connect.js';
import { OWNED_WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';
import { errorMessage } from '../../shared/errors.js';
import { listOwnerships } from '../../shared/etcd/ownership.js';
import type { ServiceRuntime } from '../../shared/service-runtime.js';
import type { OwnedInstances } from './owned-instances.js';

const SCAN_LIMIT = 20_000;
const ADOPT_CONCURRENCY = 16;

/**
 * The safety net that makes a lost message a delay, never a stuck instance. Every interval (and
 * at once when a master leaves) it adopts instances that need an owner and have none — a start
 * whose push failed, a dead master's instances, orphans from before this master started — and
 * asks each owned run to re-check what it waits on. It is not the hot path: starting,
 * dispatching and reporting are pushed.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly db: Db,
    private readonly owned: OwnedInstances,
    private readonly intervalMs: number,
    private readonly submitGraceMs: number,
  ) {}

  start(): void {
    this.trigger();
  }

  /** Runs a pass now (or right after the one in progress). */
  trigger(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.pass()
      .catch((err: unknown) =>
        this.runtime.log.warn({ err: errorMessage(err) }, 'reconcile pass failed'),
      )
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.trigger();
        } else {
          this.timer = setTimeout(() => this.trigger(), this.intervalMs);
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async pass(): Promise<void> {
    if (!this.runtime.lease.isFresh()) return;
    const rows = await this.db
      .selectFrom('workflow_instances')
      .select(['id', 'state', 'created_at', 'stop_requested', 'stop_reason'])
      .where('state', 'in', [...OWNED_WORKFLOW_STATES])
      .orderBy('id')
      .limit(SCAN_LIMIT)
      .execute();
    const owners = await listOwnerships(this.runtime.etcd, this.runtime.keys);
    const graceCutoff = Date.now() - this.submitGraceMs;
    const orphans: string[] = [];
    for (const row of rows) {
      const run = this.owned.get(row.id);
      if (run !== undefined) {
        run.reconcile(row.stop_requested === 1, row.stop_reason);
      } else if (
        !owners.has(row.id) &&
        (row.state !== 'SUBMITTED' || row.created_at.getTime() < graceCutoff)
      ) {
        orphans.push(row.id);
      }
    }
    await this.adoptAll(orphans);
  }

  private async adoptAll(ids: string[]): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length && !this.stopped && this.runtime.lease.isFresh()) {
        const id = ids[next]!;
        next += 1;
        await this.owned
          .adopt(id)
          .catch((err: unknown) =>
            this.runtime.log.warn({ instance_id: id, err: errorMessage(err) }, 'adoption failed'),
          );
      }
    };
    await Promise.all(Array.from({ length: Math.min(ADOPT_CONCURRENCY, ids.length) }, worker));
  }
}
