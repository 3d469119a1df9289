import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../shared/db/schema.js';
import type { AlertEvent } from '../../../shared/domain/workflow-spec.js';

/**
 * Queues `event` in the alert outbox for each of `instanceIds` whose definition version says
 * `alerts.on` it, addressed to its `alerts.channel`. Call it inside the transaction that makes
 * the change the event reports (after that change, so the row records the new state): the
 * event then exists iff the change committed, and a sender delivers it at least once.
 *
 * The subscription is read from the stored spec itself (JSON functions), so a caller without
 * the definition at hand (the take-over claim) decides exactly as one with it.
 */
export async function queueAlertEvents(
  trx: Kysely<Database>,
  instanceIds: readonly string[],
  event: AlertEvent,
  reason: string | null,
): Promise<void> {
  if (instanceIds.length === 0) return;
  await sql`
    INSERT INTO alert_events
      (event_id, channel, event, instance_id, workflow, version, instance_state, reason, epoch,
       occurred_at, next_attempt_at)
    SELECT UUID(), JSON_UNQUOTE(JSON_EXTRACT(v.spec, '$.alerts.channel')), ${event}, w.id,
           w.workflow, w.version, w.state, ${reason === null ? null : reason.slice(0, 512)},
           w.owner_epoch, NOW(3), NOW(3)
    FROM workflow_instances w
    JOIN workflow_versions v ON v.name = w.workflow AND v.version = w.version
    WHERE w.id IN (${sql.join(instanceIds)})
      AND JSON_CONTAINS(JSON_EXTRACT(v.spec, '$.alerts.on'), ${JSON.stringify(event)})`.execute(
    trx,
  );
}

/**
 * Runs the fenced `write` (true: it matched its row) and, when `alert.event` is set, in one
 * transaction with it queues that event for the instance: the change and its outbox row commit
 * together, or neither does. Without an event it is just `write`, with no transaction.
 */
export async function withAlertEvent(
  db: Kysely<Database>,
  instanceId: string,
  alert: { event: AlertEvent | undefined; reason: string | null },
  write: (db: Kysely<Database>) => Promise<boolean>,
): Promise<boolean> {
  const { event } = alert;
  if (event === undefined) return write(db);
  return db.transaction().execute(async (trx) => {
    const written = await write(trx);
    if (written) await queueAlertEvents(trx, [instanceId], event, alert.reason);
    return written;
  });
}
