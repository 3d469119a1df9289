import type { ClaimedAlert } from '../store/alert-outbox-store.js';

/**
 * The JSON body of an alert webhook (README "Alerts"), built only from the outbox row's
 * immutable columns, so every attempt of one event sends the same bytes (and signature):
 *
 * ```json
 * {"id":"<event id = Idempotency-Key>","event":"FAILURE","occurredAt":"2026-01-01T02:00:00.000Z",
 *  "channel":"ops","instance":{"id":"42","workflow":"nightly-etl","version":3,
 *  "state":"FAILURE","reason":"failed tasks: load"}}
 * ```
 *
 * `instance.state` is the state the causing change left (READY_STOP for a TIMEOUT that stops,
 * RUNNING for a WARN one; the state it was in for a FAILOVER); `reason` may be null.
 */
export function alertBody(alert: ClaimedAlert): string {
  return JSON.stringify({
    id: alert.event_id,
    event: alert.event,
    occurredAt: alert.occurred_at.toISOString(),
    channel: alert.channel,
    instance: {
      id: alert.instance_id,
      workflow: alert.workflow,
      version: alert.version,
      state: alert.instance_state,
      reason: alert.reason,
    },
  });
}
