/**
 * Alerts by webhook (issue 16, E1 for alerts) on a real cluster with a real local receiver:
 * every event committed in the outbox reaches the receiver at least once, each time with the
 * same Idempotency-Key and body and a signature that verifies — through a receiver that is
 * down for 20 s, and through the death of the master that was sending.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../services/cli/cluster/infra/free-port.js';
import { EtcdKeys } from '../shared/etcd/keys.js';
import { parseMemberInfo } from '../shared/etcd/members.js';
import { scrape, sumOf } from './support/prometheus-text.js';
import { ALERT_ENV, ALL, definition, SECRET } from './support/alert-fixtures.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

async function outbox(t: TestCluster) {
  return t.db.selectFrom('alert_events').selectAll().orderBy('id').execute();
}

/** Waits until every outbox row is DELIVERED, and returns them. */
async function allDelivered(t: TestCluster, timeout = 60_000) {
  await expect
    .poll(async () => (await outbox(t)).filter((e) => e.status !== 'DELIVERED').length, {
      timeout,
      interval: 200,
    })
    .toBe(0);
  return outbox(t);
}

/** Every event was received, all signed right, duplicates only with their own key and body. */
function expectDeliveredOnce(receiver: WebhookReceiver, events: { event_id: string }[]) {
  expect(new Set(receiver.keys())).toEqual(new Set(events.map((e) => e.event_id)));
  expect(receiver.received.every((r) => r.signatureOk)).toBe(true);
  const bodies = new Map<string, string>();
  for (const r of receiver.received) {
    expect(r.json.id).toBe(r.key);
    expect(bodies.get(r.key) ?? r.body).toBe(r.body);
    bodies.set(r.key, r.body);
  }
}

/** `baton_alert_deliveries_total{result}` summed over the cluster's masters. */
async function deliveriesCounted(t: TestCluster, result: string): Promise<number> {
  const keys = new EtcdKeys(t.cluster.options.etcdPrefix);
  let total = 0;
  for (const master of t.cluster.ofRole('master')) {
    const raw = await t.cluster.etcd.get(keys.member('master', master.name)).string();
    const address = raw === null ? undefined : parseMemberInfo(raw)?.metricsAddress;
    if (address === undefined) throw new Error(`${master.name} published no metrics address`);
    total += sumOf(await scrape(address), 'baton_alert_deliveries_total', { result });
  }
  return total;
}

describe('alerts by webhook', () => {
  let t: TestCluster | undefined;
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await receiver?.down();
    await t?.dispose();
    t = undefined;
    receiver = undefined;
  });

  it('a receiver down for 20 s, then up, gets every event; failures are visible meanwhile', async () => {
    t = await startTestCluster('alerts-down', { layout: { masters: 2 }, env: ALERT_ENV });
    receiver = new WebhookReceiver(await freePort(), SECRET);
    await t.api.CreateAlertChannel({ name: 'ops', webhook: receiver.url, secret: SECRET });
    await t.api.ApplyWorkflow({ yaml: definition('ok', "'true'", ALL) });
    await t.api.ApplyWorkflow({ yaml: definition('bad', "'exit 3'", ALL) });
    await t.api.ApplyWorkflow({ yaml: definition('slow', "'sleep 30'", `timeout: 1s\n${ALL}`) });
    await t.api.ApplyWorkflow({
      yaml: definition('one-at-a-time', "'sleep 2'", `executionType: SERIAL_DISCARD\n${ALL}`),
    });
    const downSince = Date.now();
    const ok = await t.api.StartInstance({ workflow: 'ok' });
    const bad = await t.api.StartInstance({ workflow: 'bad' });
    const slow = await t.api.StartInstance({ workflow: 'slow' });
    const first = await t.api.StartInstance({ workflow: 'one-at-a-time' });
    await waitForInstance(t.api, first.id, (i) => i.state === 'RUNNING');
    const discarded = await t.api.StartInstance({ workflow: 'one-at-a-time' });
    for (const i of [ok, bad, slow, first, discarded]) await waitForEnd(t.api, i.id);

    // Down: attempts fail, are recorded and retried; nothing is delivered.
    await expect
      .poll(async () => (await t!.api.GetAlertChannel({ name: 'ops', limit: 100 })).deliveries, {
        timeout: 15_000,
      })
      .toEqual(
        expect.arrayContaining([expect.objectContaining({ result: 'failed', http_status: 0 })]),
      );
    const whileDown = await t.api.GetAlertChannel({ name: 'ops', limit: 0 });
    expect(whileDown.delivered).toBe('0');
    expect(Number(whileDown.pending)).toBe(5);

    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, 20_000 - (Date.now() - downSince))),
    );
    await receiver.up();
    const events = await allDelivered(t);
    // `slow` then ends STOP, which is not an alert event.
    expect(events.map((e) => `${e.workflow}:${e.instance_id}:${e.event}`).sort()).toEqual(
      [
        `ok:${ok.id}:SUCCESS`,
        `bad:${bad.id}:FAILURE`,
        `slow:${slow.id}:TIMEOUT`,
        `one-at-a-time:${first.id}:SUCCESS`,
        `one-at-a-time:${discarded.id}:SERIAL_DISCARD`,
      ].sort(),
    );
    expectDeliveredOnce(receiver, events);
    const timeout = receiver.received.find((r) => r.event === 'TIMEOUT')!;
    expect(timeout.json.instance).toMatchObject({
      id: slow.id,
      workflow: 'slow',
      state: 'READY_STOP',
    });

    const after = await t.api.GetAlertChannel({ name: 'ops', limit: 1000 });
    expect(after.pending).toBe('0');
    expect(after.delivered).toBe(String(events.length));
    expect(after.deliveries[0]).toMatchObject({ result: 'delivered', http_status: 204 });
    // Counted too: the failures while it was down, and each delivery.
    expect(await deliveriesCounted(t, 'failed')).toBeGreaterThan(0);
    await expect
      .poll(() => deliveriesCounted(t!, 'delivered'))
      .toBeGreaterThanOrEqual(events.length);
  }, 120_000);

  it('a master killed between sending and recording the delivery loses nothing; a take-over is a FAILOVER event', async () => {
    t = await startTestCluster('alerts-kill', {
      layout: { masters: 2 },
      env: { ...ALERT_ENV, ALERT_LEASE_MS: '5000' },
    });
    receiver = new WebhookReceiver(await freePort(), SECRET);
    await receiver.up();
    await t.api.CreateAlertChannel({ name: 'ops', webhook: receiver.url, secret: SECRET });
    await t.api.ApplyWorkflow({ yaml: definition('long', "'sleep 20'", ALL) });
    await t.api.ApplyWorkflow({ yaml: definition('quick', "'sleep 1'", ALL) });
    const long = await waitForInstance(
      t.api,
      (await t.api.StartInstance({ workflow: 'long' })).id,
      (i) => i.state === 'RUNNING' && i.owner !== '',
    );
    const quick = await t.api.StartInstance({ workflow: 'quick' });
    // Whoever sends quick's event is held after the POST, before recording it.
    t.setRacePoints({ 'alerts.before-mark-delivered': { scope: quick.id, ms: 120_000 } });
    await expect.poll(() => receiver!.received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const held = (await outbox(t)).find((e) => e.instance_id === quick.id);
    expect(held).toMatchObject({ status: 'PENDING' });
    const sender = held!.locked_by!;
    process.kill(t.cluster.get(sender).pid, 'SIGKILL');
    t.setRacePoints({});

    // The lease runs out; the survivor sends it again, with the same key and body.
    await expect
      .poll(() => receiver!.received.filter((r) => r.key === held!.event_id).length, {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(2);

    // The take-over of `long` by a survivor is a FAILOVER event, delivered too.
    if (long.owner !== sender) {
      await t.cluster.restart(sender);
      process.kill(t.cluster.get(long.owner).pid, 'SIGKILL');
    }
    expect((await waitForEnd(t.api, long.id, 60_000)).state).toBe('SUCCESS');
    const events = await allDelivered(t);
    expect(events.map((e) => `${e.instance_id}:${e.event}`).sort()).toEqual(
      [`${quick.id}:SUCCESS`, `${long.id}:FAILOVER`, `${long.id}:SUCCESS`].sort(),
    );
    expectDeliveredOnce(receiver, events);
    const attempts = await t.db
      .selectFrom('alert_deliveries')
      .select(['sender', 'result'])
      .where('event_id', '=', held!.event_id)
      .execute();
    // The killed sender never recorded its attempt; the survivor recorded its own.
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.result).toBe('delivered');
    expect(attempts[0]?.sender).not.toBe(sender);
  }, 150_000);
});
