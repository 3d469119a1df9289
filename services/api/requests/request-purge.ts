import { CoalescingLoop } from '../../../shared/coalescing-loop.js';
import { errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/log.js';
import type { RequestIds } from './request-store.js';

/**
 * Deletes request ids past their retention every `intervalMs` (and once at start), in bounded
 * batches (RequestIds.purgeExpired). Every api replica runs it: the deletes are idempotent, and
 * a replica that finds nothing to delete costs one indexed range read. A failed pass is logged
 * and the next one tries again; lookups ignore expired rows meanwhile. Stop it at shutdown.
 */
export function startRequestIdPurge(
  ids: RequestIds,
  intervalMs: number,
  log: Logger,
): CoalescingLoop {
  const loop = new CoalescingLoop(
    async () => {
      const deleted = await ids.purgeExpired();
      if (deleted > 0) log.info({ deleted }, 'purged expired request ids');
    },
    intervalMs,
    (err) => log.warn({ err: errorMessage(err) }, 'request id purge failed; retried next pass'),
  );
  loop.trigger();
  return loop;
}
