import { signWebhookBody, SIGNATURE_HEADER } from '../../../shared/alerts/webhook-signature.js';
import type { TargetPolicy } from '../../../shared/alerts/target-policy.js';
import { errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/log.js';
import { racePoint } from '../../../shared/race-points.js';
import { durableBackoffMs } from '../../../shared/retry.js';
import { countAlertDelivery } from '../metrics.js';
import type { AlertOutcome, ClaimedAlert } from '../store/alert-outbox-store.js';
import { alertBody } from './alert-body.js';
import type { WebhookAnswer } from './webhook-post.js';

/** The outbox, as the sender uses it (AlertOutboxStore). */
export interface AlertOutboxPort {
  claimDue(limit: number, leaseMs: number): Promise<ClaimedAlert[]>;
  channel(name: string): Promise<{ url: string; secret: Buffer } | undefined>;
  finish(alert: ClaimedAlert, outcome: AlertOutcome): Promise<void>;
}

export type PostWebhook = (
  url: string,
  body: string,
  headers: Record<string, string>,
  policy: TargetPolicy,
  timeoutMs: number,
) => Promise<WebhookAnswer>;

export interface AlertSenderSettings {
  policy: TargetPolicy;
  pollIntervalMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
  timeoutMs: number;
  leaseMs: number;
  giveUpAfterMs: number;
}

/** Events one sender claims at a time (and so sends at once). */
const BATCH = 16;

/**
 * Delivers the alert outbox, at least once (README "Alerts"). Every master runs one; they
 * share the work through the outbox's claims (AlertOutboxStore), so an event is sent by
 * whichever master claims it, and again by another if that one dies before recording the
 * answer. Each attempt is a POST of the same body with the same `Idempotency-Key` (the event
 * id) and signature; a non-2xx answer or a network error is retried with jittered exponential
 * backoff until ALERT_GIVE_UP_AFTER_MS after the event.
 */
export class AlertSender {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly outbox: AlertOutboxPort,
    private readonly post: PostWebhook,
    private readonly settings: AlertSenderSettings,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Stops claiming; waits for the attempts in flight to be recorded. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().then((full) =>
        this.schedule(full ? 0 : this.settings.pollIntervalMs),
      );
    }, delayMs);
  }

  /** One round: claim what is due and send it. Whether the batch was full (more may wait). */
  private async tick(): Promise<boolean> {
    let claimed: ClaimedAlert[];
    try {
      claimed = await this.outbox.claimDue(BATCH, this.settings.leaseMs);
    } catch (err) {
      this.log.warn({ err: errorMessage(err) }, 'could not claim alert events; will retry');
      return false;
    }
    await Promise.all(claimed.map((alert) => this.deliver(alert)));
    return claimed.length === BATCH;
  }

  private async deliver(alert: ClaimedAlert): Promise<void> {
    const log = this.log.child({ instance: alert.instance_id, event: alert.event_id });
    try {
      const outcome = await this.attempt(alert);
      await racePoint('alerts.before-mark-delivered', alert.instance_id, alert.channel);
      await this.outbox.finish(alert, outcome);
      countAlertDelivery(outcome.result);
      if (outcome.result === 'delivered') log.info({ attempt: alert.attempts }, 'alert delivered');
      else log.warn({ attempt: alert.attempts, outcome }, 'alert not delivered');
    } catch (err) {
      // The answer could not be recorded: the lease runs out and the event is sent again.
      log.warn({ err: errorMessage(err) }, 'could not record an alert attempt');
    }
  }

  private async attempt(alert: ClaimedAlert): Promise<AlertOutcome> {
    const channel = await this.outbox.channel(alert.channel);
    if (channel === undefined)
      return { result: 'dropped', error: `alert channel ${alert.channel} does not exist` };
    const body = alertBody(alert);
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'baton-alerts/1',
      'Idempotency-Key': alert.event_id,
      'X-Baton-Event': alert.event,
      'X-Baton-Delivery-Attempt': String(alert.attempts),
      [SIGNATURE_HEADER]: signWebhookBody(channel.secret, body),
    };
    const { policy, timeoutMs } = this.settings;
    const began = performance.now();
    let status: number | null = null;
    let error: string;
    try {
      status = (await this.post(channel.url, body, headers, policy, timeoutMs)).status;
      const durationMs = performance.now() - began;
      if (status >= 200 && status < 300)
        return { result: 'delivered', httpStatus: status, durationMs };
      error = `HTTP ${status}`;
    } catch (err) {
      error = errorMessage(err);
    }
    const durationMs = performance.now() - began;
    if (Date.now() - alert.occurred_at.getTime() >= this.settings.giveUpAfterMs)
      return { result: 'abandoned', httpStatus: status, error, durationMs };
    const retryInMs = durableBackoffMs(alert.attempts, {
      initialDelayMs: this.settings.retryInitialMs,
      maxDelayMs: this.settings.retryMaxMs,
    });
    return { result: 'failed', httpStatus: status, error, durationMs, retryInMs };
  }
}
