import { errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/log.js';
import type { ShardKeeper } from '../shard-keeper.js';
import type { TaskGroupHandOff } from './task-group-hand-off.js';
import type { TaskGroupOperations } from './task-group-operations.js';
import type { TaskGroupStore } from './task-group-store.js';

/**
 * Each interval, and at once for a shard taken over, runs every group with slots or waiters in
 * this coordinator's shards through the hand-off: slots of attempts MySQL shows ended (their
 * release was lost, their master or worker died and the new owner recorded the end) are freed
 * and waiters admitted up to the size. So nothing waits for "the next event" (T2).
 */
export class TaskGroupReconciler {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly keeper: ShardKeeper,
    private readonly store: Pick<TaskGroupStore, 'groupsIn'>,
    private readonly operations: Pick<TaskGroupOperations, 'exclusive'>,
    private readonly handOff: Pick<TaskGroupHandOff, 'settle'>,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {
    keeper.on('acquired', (shard) => void this.reconcileShard(shard));
  }

  start(): void {
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.intervalMs);
  }

  private async pass(): Promise<void> {
    for (const shard of this.keeper.ownedShards()) await this.reconcileShard(shard);
  }

  private async reconcileShard(shard: number): Promise<void> {
    try {
      for (const group of await this.store.groupsIn(shard)) {
        await this.operations
          .exclusive(group, (fence) => this.handOff.settle(fence, group))
          .catch((err: unknown) =>
            this.log.warn({ group, err: errorMessage(err) }, 'task group reconcile failed'),
          );
      }
    } catch (err) {
      this.log.warn({ shard, err: errorMessage(err) }, 'task group scan failed; next pass retries');
    }
  }
}
