import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Alerts by webhook (issue 16).
 *
 * - `alert_channels`: where alerts go, managed by admins. `secret` is the HMAC-SHA256 key the
 *   masters sign each body with; signing needs the key itself, so it is stored as given (never
 *   returned by any call, never logged; README "Alerts").
 * - `alert_events`: the outbox. A row is inserted in the same transaction as the state change
 *   that causes it (the masters' fenced writes, the take-over claim), so an event exists iff
 *   its change committed. `event_id` is its Idempotency-Key. A sender claims a due PENDING row
 *   by moving `next_attempt_at` past its lease (`SELECT ... FOR UPDATE SKIP LOCKED`) and adding
 *   one to `attempts` (its claim token); a sender that dies leaves the row due again when the
 *   lease runs out. The body is built from the row's immutable columns, so every attempt sends
 *   the same bytes.
 * - `alert_deliveries`: one row per attempt (what `baton alert-channel get` shows).
 */
export const alerts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE alert_channels (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        name VARCHAR(128) NOT NULL,
        webhook_url VARCHAR(2048) NOT NULL,
        secret VARBINARY(1024) NOT NULL,
        created_by VARCHAR(255) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_alert_channel_name (name)
      )`.execute(db);
    await sql`
      CREATE TABLE alert_events (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        event_id CHAR(36) NOT NULL,
        channel VARCHAR(128) NOT NULL,
        event VARCHAR(16) NOT NULL,
        instance_id BIGINT NOT NULL,
        workflow VARCHAR(128) NOT NULL,
        version INT NOT NULL,
        instance_state VARCHAR(32) NOT NULL,
        reason VARCHAR(512) NULL,
        epoch BIGINT NOT NULL,
        occurred_at DATETIME(3) NOT NULL,
        status VARCHAR(16) NOT NULL DEFAULT 'PENDING',
        attempts INT NOT NULL DEFAULT 0,
        next_attempt_at DATETIME(3) NOT NULL,
        locked_by VARCHAR(255) NULL,
        last_error VARCHAR(512) NULL,
        delivered_at DATETIME(3) NULL,
        UNIQUE KEY uq_alert_event_id (event_id),
        KEY ix_alert_events_due (status, next_attempt_at),
        KEY ix_alert_events_channel (channel, id),
        KEY ix_alert_events_instance (instance_id)
      )`.execute(db);
    await sql`
      CREATE TABLE alert_deliveries (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        alert_event_id BIGINT NOT NULL,
        event_id CHAR(36) NOT NULL,
        channel VARCHAR(128) NOT NULL,
        attempt INT NOT NULL,
        result VARCHAR(16) NOT NULL,
        http_status INT NULL,
        error VARCHAR(512) NULL,
        duration_ms INT NOT NULL,
        sender VARCHAR(255) NOT NULL,
        at DATETIME(3) NOT NULL,
        KEY ix_alert_deliveries_channel (channel, id)
      )`.execute(db);
  },
};
