import { bulkhead, BulkheadRejectedError, type BulkheadPolicy } from 'cockatiel';
import { ResourceExhaustedError } from '../errors.js';

/** Bulk etcd operations one process runs at once, and how many may wait for a turn. */
export const DEFAULT_BULK_CONCURRENCY = 4;
export const DEFAULT_BULK_QUEUE = 1_000;

/**
 * Bounds the concurrent bulk etcd work of one process (cockatiel's bulkhead): scans, batched
 * owner-key reads, sweeps — anything whose size follows the data rather than one request.
 * Each such call costs etcd a linearizable read or a large transaction; unbounded, a deep
 * backlog turned them into a queue etcd could not drain (`apply request took too long`, then
 * `too many requests`), and the member leases, which share that etcd, lapsed (issue 12). A
 * bounded number in flight keeps Baton's own load below what etcd can apply.
 *
 * Single-key calls on a request's path (a claim, a fenced write, a lookup of one owner) are not
 * bulk and do not go through it: queueing them behind a scan would slow every request.
 */
export class EtcdBulkhead {
  private readonly policy: BulkheadPolicy;

  constructor(
    readonly limit = DEFAULT_BULK_CONCURRENCY,
    readonly queue = DEFAULT_BULK_QUEUE,
  ) {
    this.policy = bulkhead(limit, queue);
  }

  /**
   * Runs `op` once fewer than `limit` bulk operations are running (waiting its turn in FIFO
   * order), and resolves or rejects as it does.
   * @throws ResourceExhaustedError (retryable) when `queue` operations are already waiting.
   */
  async run<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(() => op());
    } catch (err) {
      if (err instanceof BulkheadRejectedError) {
        throw new ResourceExhaustedError(
          `bulk etcd work is saturated: ${this.limit} running, ${this.queue} waiting`,
          { cause: err },
        );
      }
      throw err;
    }
  }

  /** Operations running now. */
  get running(): number {
    return this.limit - this.policy.executionSlots;
  }

  /** Operations waiting for a turn now. */
  get waiting(): number {
    return this.queue - this.policy.queueSlots;
  }
}
