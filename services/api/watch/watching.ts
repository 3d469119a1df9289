import type { Logger } from 'pino';
import type { Db } from '../../../shared/db/connect.js';
import type { ApiEnv } from '../env.js';
import { ChangeStore } from './change-store.js';
import { ChangeTailer } from './change-tailer.js';
import { WatchHub } from './watch-hub.js';
import type { WatchDeps } from './watch-streams.js';

/** Rows per poll; a full poll is followed by another at once. */
const TAIL_BATCH = 1_000;

/**
 * The watch machinery of one api process: the change store, the hub and its one tailer,
 * started. `close` ends every stream (UNAVAILABLE: clients reconnect with after_change) and
 * stops the tailer.
 */
export async function startWatching(
  db: Db,
  env: ApiEnv,
  log: Logger,
): Promise<{ deps: WatchDeps; hub: WatchHub; close(): Promise<void> }> {
  const changes = new ChangeStore(db);
  const from = await ChangeTailer.startHorizon(changes);
  const hub = new WatchHub(
    { maxStreams: env.MAX_WATCH_STREAMS, bufferBytes: env.WATCH_BUFFER_BYTES },
    from,
  );
  const tailer = ChangeTailer.create(
    changes,
    hub,
    from,
    {
      pollMs: env.WATCH_POLL_MS,
      gapProbeMs: env.WATCH_GAP_PROBE_MS,
      gapTimeoutMs: env.WATCH_GAP_TIMEOUT_MS,
      batch: TAIL_BATCH,
    },
    log,
  );
  tailer.start();
  return {
    deps: { hub, changes, instanceExists: (id) => changes.instanceExists(id) },
    hub,
    async close() {
      hub.close();
      await tailer.stop();
    },
  };
}
