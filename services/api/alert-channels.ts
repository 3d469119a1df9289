import { sql } from 'kysely';
import { checkWebhookUrl, type TargetPolicy } from '../../shared/alerts/target-policy.js';
import type { Db } from '../../shared/db/connect.js';
import { utf8Bytes } from '../../shared/domain/definition-limits.js';
import { AlreadyExistsError, InvalidArgumentError, NotFoundError } from '../../shared/errors.js';
import type { AlertChannel } from '../../shared/proto/gen/baton/v1/AlertChannel.js';
import type { CreateAlertChannelRequest__Output } from '../../shared/proto/gen/baton/v1/CreateAlertChannelRequest.js';
import { timestampOf } from '../../shared/grpc/validate.js';
import { recordAudit } from './audit-log.js';
import { requireName } from './instances.js';

/** A secret shorter than this is too easy to guess; longer than that is a mistake. */
const SECRET_BYTES = { min: 16, max: 1024 } as const;
const DEFAULT_DELIVERIES = 20;
const MAX_DELIVERIES = 1000;

/**
 * Alert channels (README "Alerts"): a name, a webhook URL the target policy allows, and the
 * secret bodies are signed with. The secret goes into MySQL as given (signing needs the key
 * itself) and never comes out of this class. Create and delete are audited in their
 * transaction.
 */
export class AlertChannels {
  constructor(
    private readonly db: Db,
    private readonly policy: TargetPolicy,
  ) {}

  /**
   * @throws InvalidArgumentError naming `name`, `webhook` or `secret`.
   * @throws AlreadyExistsError when the name is taken.
   */
  async create(req: CreateAlertChannelRequest__Output, actor: string): Promise<AlertChannel> {
    requireName(req.name, 'name');
    checkWebhookUrl(req.webhook, this.policy, 'webhook');
    const bytes = utf8Bytes(req.secret);
    if (bytes < SECRET_BYTES.min || bytes > SECRET_BYTES.max)
      throw new InvalidArgumentError(
        'secret',
        `must be ${SECRET_BYTES.min} to ${SECRET_BYTES.max} bytes, not ${bytes}`,
      );
    const now = new Date();
    await this.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('alert_channels')
          .values({
            name: req.name,
            webhook_url: req.webhook,
            secret: Buffer.from(req.secret, 'utf8'),
            created_by: actor,
            created_at: now,
          })
          .execute();
        await recordAudit(
          trx,
          {
            actor,
            action: 'alert-channel.create',
            targetKind: 'alert-channel',
            target: req.name,
            detail: { webhook: req.webhook },
          },
          now,
        );
      })
      .catch((err: unknown) => {
        if ((err as { code?: unknown }).code === 'ER_DUP_ENTRY')
          throw new AlreadyExistsError(`alert channel ${req.name} exists`);
        throw err;
      });
    return this.get(req.name, 0);
  }

  async list(): Promise<AlertChannel[]> {
    const rows = await this.db
      .selectFrom('alert_channels')
      .select(['name', 'webhook_url', 'created_by', 'created_at'])
      .orderBy('name')
      .execute();
    const counts = await this.counts(rows.map((r) => r.name));
    return rows.map((r) => toProto(r, counts.get(r.name), []));
  }

  /**
   * The channel, its outbox counts and its newest `limit` delivery attempts (0: 20).
   * @throws NotFoundError
   */
  async get(name: string, limit: number): Promise<AlertChannel> {
    requireName(name, 'name');
    if (limit < 0 || limit > MAX_DELIVERIES)
      throw new InvalidArgumentError('limit', `must be between 0 and ${MAX_DELIVERIES}`);
    const row = await this.db
      .selectFrom('alert_channels')
      .select(['name', 'webhook_url', 'created_by', 'created_at'])
      .where('name', '=', name)
      .executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`alert channel ${name} does not exist`);
    const deliveries = await this.db
      .selectFrom('alert_deliveries as d')
      .innerJoin('alert_events as e', 'e.id', 'd.alert_event_id')
      .select([
        'd.event_id',
        'e.event',
        'e.instance_id',
        'd.attempt',
        'd.result',
        'd.http_status',
        'd.error',
        'd.duration_ms',
        'd.sender',
        'd.at',
      ])
      .where('d.channel', '=', name)
      .orderBy('d.id', 'desc')
      .limit(limit === 0 ? DEFAULT_DELIVERIES : limit)
      .execute();
    const counts = await this.counts([name]);
    return toProto(
      row,
      counts.get(name),
      deliveries.map((d) => ({
        event_id: d.event_id,
        event: d.event,
        instance_id: d.instance_id,
        attempt: d.attempt,
        result: d.result,
        http_status: d.http_status ?? 0,
        error: d.error ?? '',
        duration_ms: d.duration_ms,
        sender: d.sender,
        at: timestampOf(d.at),
      })),
    );
  }

  /** @throws NotFoundError */
  async delete(name: string, actor: string): Promise<AlertChannel> {
    const channel = await this.get(name, 0);
    await this.db.transaction().execute(async (trx) => {
      const deleted = await trx
        .deleteFrom('alert_channels')
        .where('name', '=', name)
        .executeTakeFirst();
      if (deleted.numDeletedRows === 0n)
        throw new NotFoundError(`alert channel ${name} does not exist`);
      await recordAudit(trx, {
        actor,
        action: 'alert-channel.delete',
        targetKind: 'alert-channel',
        target: name,
        detail: {},
      });
    });
    return { ...channel, deliveries: [] };
  }

  /** Outbox counts by status, per channel. */
  private async counts(names: string[]): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>();
    if (names.length === 0) return out;
    const rows = await this.db
      .selectFrom('alert_events')
      .select(['channel', 'status', sql<string>`COUNT(*)`.as('n')])
      .where('channel', 'in', names)
      .groupBy(['channel', 'status'])
      .execute();
    for (const r of rows) out.set(r.channel, { ...out.get(r.channel), [r.status]: Number(r.n) });
    return out;
  }
}

/**
 * @throws InvalidArgumentError naming `alerts.channel` when a definition names a channel that
 * does not exist (checked where it is applied; `db` may be the applying transaction).
 */
export async function requireAlertChannel(db: Db, name: string): Promise<void> {
  const found = await db
    .selectFrom('alert_channels')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  if (found === undefined)
    throw new InvalidArgumentError(
      'alerts.channel',
      `alert channel ${name} does not exist (baton alert-channel create)`,
    );
}

function toProto(
  row: { name: string; webhook_url: string; created_by: string; created_at: Date },
  counts: Record<string, number> | undefined,
  deliveries: AlertChannel['deliveries'],
): AlertChannel {
  return {
    name: row.name,
    webhook: row.webhook_url,
    created_by: row.created_by,
    created_at: timestampOf(row.created_at),
    pending: counts?.['PENDING'] ?? 0,
    delivered: counts?.['DELIVERED'] ?? 0,
    abandoned: counts?.['ABANDONED'] ?? 0,
    deliveries,
  };
}
