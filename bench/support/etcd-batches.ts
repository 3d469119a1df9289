import type { ComparatorBuilder, Etcd3 } from 'etcd3';
import { isEtcdRecoverable } from '../../shared/etcd/etcd-faults.js';
import { withRetry } from '../../shared/retry.js';

/** A put or delete as etcd3's transaction builder takes it. */
type TxnOp = Parameters<ComparatorBuilder['then']>[number];

/** etcd's default --max-txn-ops. */
export const TXN_OPS = 128;

/**
 * Applies `ops` (idempotent puts and deletes) in transactions of at most TXN_OPS, one after
 * another. Each transaction is retried with backoff while etcd answers with a transient error:
 * a 100,000-key backlog written or removed in one go drove etcd into `too many requests` and
 * failed the bench (issue 12); paced, bounded batches let it apply as it goes. `guardKey` must
 * never exist: its version 0 is the transaction's always-true condition.
 */
export async function commitInBatches(
  etcd: Etcd3,
  guardKey: string,
  ops: readonly TxnOp[],
): Promise<void> {
  for (let i = 0; i < ops.length; i += TXN_OPS) {
    const batch = ops.slice(i, i + TXN_OPS);
    await withRetry(
      () =>
        etcd
          .if(guardKey, 'Version', '==', 0)
          .then(...batch)
          .commit(),
      { retries: 8, initialDelayMs: 200, maxDelayMs: 5_000, retryOn: isEtcdRecoverable },
    );
  }
}
