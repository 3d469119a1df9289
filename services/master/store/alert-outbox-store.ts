import { sql } from 'kysely';
import type { Db } from '../../../shared/db/connect.js';
import type { AlertEventRow } from '../../../shared/db/schema.js';

/** An outbox row a sender has claimed; `attempts` is this claim's number (its token). */
export type ClaimedAlert = AlertEventRow;

/** How one delivery attempt ended, and what becomes of the event. */
export type AlertOutcome =
  | { result: 'delivered'; httpStatus: number; durationMs: number }
  | {
      result: 'failed';
      httpStatus: number | null;
      error: string;
      durationMs: number;
      retryInMs: number;
    }
  | { result: 'abandoned'; httpStatus: number | null; error: string; durationMs: number }
  | { result: 'dropped'; error: string };

/**
 * The alert outbox as the masters' senders use it. Every master's sender claims due rows with
 * `SELECT ... FOR UPDATE SKIP LOCKED` (so senders never wait on, nor claim, each other's
 * rows) and, in the same transaction, moves their due time a lease ahead and counts the
 * attempt: the HTTP call then runs outside any transaction, and if its sender dies the row
 * is due again once the lease runs out — sent again, with the same Idempotency-Key.
 */
export class AlertOutboxStore {
  constructor(
    private readonly db: Db,
    private readonly sender: string,
  ) {}

  async claimDue(limit: number, leaseMs: number): Promise<ClaimedAlert[]> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('alert_events')
        .selectAll()
        .where('status', '=', 'PENDING')
        .where('next_attempt_at', '<=', sql<Date>`NOW(3)`)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return [];
      await sql`
        UPDATE alert_events
        SET attempts = attempts + 1, locked_by = ${this.sender},
            next_attempt_at = DATE_ADD(NOW(3), INTERVAL ${leaseMs * 1000} MICROSECOND)
        WHERE id IN (${sql.join(rows.map((r) => r.id))})`.execute(trx);
      return rows.map((r) => ({ ...r, attempts: r.attempts + 1, locked_by: this.sender }));
    });
  }

  /** The channel's webhook and signing key; undefined once it was deleted. */
  async channel(name: string): Promise<{ url: string; secret: Buffer } | undefined> {
    const row = await this.db
      .selectFrom('alert_channels')
      .select(['webhook_url', 'secret'])
      .where('name', '=', name)
      .executeTakeFirst();
    return row === undefined ? undefined : { url: row.webhook_url, secret: row.secret };
  }

  /**
   * Records the attempt and its outcome. A delivery is recorded whoever holds the row now (the
   * receiver has it); a failure only moves the due time while this claim is still the latest,
   * so a sender whose lease ran out cannot push back another sender's attempt.
   */
  async finish(alert: ClaimedAlert, outcome: AlertOutcome): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const mine = sql`id = ${alert.id} AND status = 'PENDING'`;
      const claim = sql`${mine} AND attempts = ${alert.attempts}`;
      const error = 'error' in outcome ? outcome.error.slice(0, 512) : null;
      switch (outcome.result) {
        case 'delivered':
          await sql`UPDATE alert_events SET status = 'DELIVERED', delivered_at = NOW(3), last_error = NULL
                    WHERE ${mine}`.execute(trx);
          break;
        case 'failed':
          await sql`UPDATE alert_events SET last_error = ${error},
                      next_attempt_at = DATE_ADD(NOW(3), INTERVAL ${outcome.retryInMs * 1000} MICROSECOND)
                    WHERE ${claim}`.execute(trx);
          break;
        case 'abandoned':
        case 'dropped':
          await sql`UPDATE alert_events SET status = ${outcome.result === 'dropped' ? 'DROPPED' : 'ABANDONED'},
                      last_error = ${error}
                    WHERE ${claim}`.execute(trx);
          break;
      }
      await trx
        .insertInto('alert_deliveries')
        .values({
          alert_event_id: alert.id,
          event_id: alert.event_id,
          channel: alert.channel,
          attempt: alert.attempts,
          result: outcome.result,
          http_status: 'httpStatus' in outcome ? outcome.httpStatus : null,
          error,
          duration_ms: 'durationMs' in outcome ? Math.round(outcome.durationMs) : 0,
          sender: this.sender,
          at: sql<Date>`NOW(3)`,
        })
        .execute();
    });
  }
}
