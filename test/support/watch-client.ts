/**
 * A test's watcher: follows one instance with WatchInstance, reconnecting with `after_change`
 * (the last change id received) whenever the stream breaks with a retryable error, as a client
 * is told to. Records what it received and how many times it reconnected.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { isRetryable } from '../../shared/errors.js';
import type { InstanceEvent__Output } from '../../shared/proto/gen/baton/v1/InstanceEvent.js';
import type { ApiClient } from './test-cluster.js';

export interface WatchRecord {
  events: InstanceEvent__Output[];
  reconnects: number;
}

export async function watchToEnd(
  api: ApiClient,
  id: string,
  onEvent: (event: InstanceEvent__Output, record: WatchRecord) => void | Promise<void> = () => {},
  timeoutMs = 120_000,
): Promise<WatchRecord> {
  const record: WatchRecord = { events: [], reconnects: 0 };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const after = record.events.at(-1)?.change_id ?? '0';
    try {
      for await (const event of api.WatchInstance({ id, after_change: after })) {
        record.events.push(event);
        await onEvent(event, record);
      }
      return record;
    } catch (err) {
      if (!isRetryable(err) || Date.now() > deadline) throw err;
      record.reconnects += 1;
      await delay(200);
    }
  }
}
