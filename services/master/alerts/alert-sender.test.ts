import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyWebhookSignature } from '../../../shared/alerts/webhook-signature.js';
import { createLogger } from '../../../shared/log.js';
import type { AlertOutcome, ClaimedAlert } from '../store/alert-outbox-store.js';
import { AlertSender, type AlertOutboxPort, type PostWebhook } from './alert-sender.js';

const SECRET = Buffer.from('a-secret-of-enough-length');

function alert(extra: Partial<ClaimedAlert> = {}): ClaimedAlert {
  return {
    id: '1',
    event_id: '6f1c2a4e-0000-4000-8000-000000000001',
    channel: 'ops',
    event: 'FAILURE',
    instance_id: '42',
    workflow: 'etl',
    version: 3,
    instance_state: 'FAILURE',
    reason: 'failed tasks: load',
    epoch: '7',
    occurred_at: new Date(),
    status: 'PENDING',
    attempts: 1,
    next_attempt_at: new Date(),
    locked_by: 'master-1',
    last_error: null,
    delivered_at: null,
    ...extra,
  };
}

/** An outbox holding `pending` once, recording each outcome. */
function outbox(pending: ClaimedAlert[], channelGone = false) {
  const outcomes: AlertOutcome[] = [];
  let queue = [...pending];
  const port: AlertOutboxPort = {
    claimDue: () => {
      const due = queue;
      queue = [];
      return Promise.resolve(due);
    },
    channel: () =>
      Promise.resolve(channelGone ? undefined : { url: 'http://hooks.test/x', secret: SECRET }),
    finish: (_a, outcome) => {
      outcomes.push(outcome);
      return Promise.resolve();
    },
  };
  return { port, outcomes };
}

const settings = {
  policy: { allowedHosts: ['hooks.test'] },
  pollIntervalMs: 10,
  retryInitialMs: 1_000,
  retryMaxMs: 60_000,
  timeoutMs: 1_000,
  leaseMs: 5_000,
  giveUpAfterMs: 3_600_000,
};
const log = createLogger('master', 'alerts-test', 'silent');

async function runOnce(port: AlertOutboxPort, post: PostWebhook, extra = {}) {
  const sender = new AlertSender(port, post, { ...settings, ...extra }, log);
  sender.start();
  await vi.waitFor(() => expect(post).toHaveBeenCalled());
  await sender.stop();
}

describe('AlertSender', () => {
  afterEach(() => vi.restoreAllMocks());

  it('POSTs the signed body with the event id as Idempotency-Key and records the delivery', async () => {
    const { port, outcomes } = outbox([alert()]);
    const post = vi.fn<PostWebhook>(() => Promise.resolve({ status: 204 }));
    await runOnce(port, post);
    const [url, body, headers] = post.mock.calls[0]!;
    expect(url).toBe('http://hooks.test/x');
    expect(Date.parse((JSON.parse(body) as { occurredAt: string }).occurredAt)).not.toBeNaN();
    expect(JSON.parse(body)).toEqual({
      id: '6f1c2a4e-0000-4000-8000-000000000001',
      event: 'FAILURE',
      occurredAt: (JSON.parse(body) as { occurredAt: string }).occurredAt,
      channel: 'ops',
      instance: {
        id: '42',
        workflow: 'etl',
        version: 3,
        state: 'FAILURE',
        reason: 'failed tasks: load',
      },
    });
    expect(headers['Idempotency-Key']).toBe('6f1c2a4e-0000-4000-8000-000000000001');
    expect(headers['X-Baton-Event']).toBe('FAILURE');
    expect(verifyWebhookSignature(SECRET, body, headers['X-Baton-Signature'])).toBe(true);
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]).toMatchObject({ result: 'delivered', httpStatus: 204 });
  });

  it('a non-2xx answer or a network error is a failure retried after a jittered backoff', async () => {
    for (const post of [
      vi.fn<PostWebhook>(() => Promise.resolve({ status: 503 })),
      vi.fn<PostWebhook>(() => Promise.reject(new Error('connect ECONNREFUSED'))),
      vi.fn<PostWebhook>(() => Promise.resolve({ status: 302 })),
    ]) {
      const { port, outcomes } = outbox([alert({ attempts: 3 })]);
      await runOnce(port, post);
      await vi.waitFor(() => expect(outcomes).toHaveLength(1));
      const outcome = outcomes[0]!;
      expect(outcome.result).toBe('failed');
      // Attempt 3: between half and all of 4 s.
      if (outcome.result === 'failed') {
        expect(outcome.retryInMs).toBeGreaterThanOrEqual(2_000);
        expect(outcome.retryInMs).toBeLessThanOrEqual(4_000);
        expect(outcome.error).toMatch(/HTTP 503|ECONNREFUSED|HTTP 302/);
      }
    }
  });

  it('gives up an event older than the give-up time', async () => {
    const { port, outcomes } = outbox([alert({ occurred_at: new Date(Date.now() - 7_200_000) })]);
    await runOnce(
      port,
      vi.fn<PostWebhook>(() => Promise.resolve({ status: 500 })),
    );
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]).toMatchObject({ result: 'abandoned', httpStatus: 500 });
  });

  it('drops an event whose channel was deleted, without a request', async () => {
    const { port, outcomes } = outbox([alert()], true);
    const post = vi.fn<PostWebhook>(() => Promise.resolve({ status: 200 }));
    const sender = new AlertSender(port, post, settings, log);
    sender.start();
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    await sender.stop();
    expect(outcomes[0]).toMatchObject({ result: 'dropped' });
    expect(post).not.toHaveBeenCalled();
  });
});
