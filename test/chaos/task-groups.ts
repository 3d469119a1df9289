/**
 * The task-group workload's operator: creates the pool before the definitions are applied and
 * resizes it at random (1 to 3 slots) while the run goes on, recording each size with the time
 * the api confirmed it, for the T1 check. After the run it reads the pool's holders and queue:
 * with nothing left running, both must be empty (T2: no slot leaked).
 */
import { errorMessage } from '../../shared/errors.js';
import type { ApiClient } from './cluster.js';
import { CHAOS_POOL } from './definitions-task-groups.js';
import type { Rng } from './rng.js';

/** The pool's size from `at` (epoch ms) on. */
export interface PoolSize {
  at: number;
  size: number;
}

/** The pool after the settle. */
export interface PoolAfter {
  holders: string[];
  waiting: number;
}

export class TaskGroupLoad {
  readonly sizes: PoolSize[] = [];

  constructor(
    private readonly api: ApiClient,
    private readonly log: (line: string) => void,
  ) {}

  async create(): Promise<void> {
    await this.resize(2);
  }

  /** One resize in three ticks. */
  async tick(rng: Rng): Promise<void> {
    if (rng.int(0, 2) === 0) await this.resize(rng.int(1, 3));
  }

  private async resize(size: number): Promise<void> {
    // Recorded before the call: a size in force is in force from when it was asked for.
    const at = Date.now();
    try {
      await this.api.SetTaskGroup({ name: CHAOS_POOL, size });
      this.sizes.push({ at, size });
    } catch (err) {
      // Unknown whether it landed: record it anyway (the check takes the larger bound).
      this.sizes.push({ at, size });
      this.log(`task group resize to ${size}: ${errorMessage(err)}`);
    }
  }

  /**
   * The pool once every instance ended: read until it is empty or `graceMs` passes (the
   * coordinator frees what a lost release left behind on its reconcile interval).
   */
  async after(graceMs = 10_000): Promise<PoolAfter> {
    const until = Date.now() + graceMs;
    for (;;) {
      const pool = await this.api.GetTaskGroup({ name: CHAOS_POOL, limit: 100 });
      const after = {
        holders: pool.holders.map((h) => `${h.instance_id}/${h.task}#${h.attempt}`),
        waiting: Number(pool.waiting_count),
      };
      const empty = after.holders.length === 0 && after.waiting === 0;
      if (empty || Date.now() >= until) return after;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
