import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelPool, makeServiceClient } from '../shared/grpc/client.js';
import { parseMemberInfo } from '../shared/etcd/members.js';
import { batonProto } from '../shared/proto/load.js';
import { readIntervals, recordedCommand } from './support/execution-record.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

/**
 * F1, single owner, end to end: a master paused (SIGSTOP) for longer than the lease TTL is
 * replaced; when it resumes it must not write anything about the instance it lost — not a state
 * change, not a warning its timers wanted to record — and it must rejoin the cluster cleanly.
 * (On resume its own lease check stops it first; the MySQL fence behind that check is tested at
 * the exact step in services/master/instance-store.test.ts.)
 */
describe('a zombie master (paused past its lease, then resumed)', () => {
  let t: TestCluster;
  /** Submits as another master does (its certificate has the master role). */
  let channels: ChannelPool | undefined;

  beforeAll(async () => {
    t = await startTestCluster('zombie-master', { layout: { masters: 2, workers: 1 } });
    channels = new ChannelPool(await t.cluster.clientCredentials('master'));
  });
  afterAll(async () => {
    channels?.close();
    await t?.dispose();
  });

  it('writes nothing after it was replaced, and rejoins', async () => {
    const record = join(t.dir, 'record.txt');
    // The workflow-timeout warning fires while the master is paused: a write it will want to make.
    await t.api.ApplyWorkflow({
      yaml: `name: zw\ntimeout: 4s\ntimeoutStrategy: WARN\ntasks:\n  - { name: a, type: SHELL, command: '${recordedCommand(record, 'sleep 9')}' }\n`,
    });
    const { id } = await t.api.StartInstance({ workflow: 'zw' });
    const running = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    const zombie = t.cluster.get(running.owner);
    process.kill(zombie.pid, 'SIGSTOP');
    const taken = await waitForInstance(t.api, id, (i) => i.owner !== zombie.name, 30_000);
    const { changes } = await t.api.GetInstanceHistory({ id });
    const takeover = changes.find(
      (c) => /taken over from/.test(c.reason) && c.actor === taken.owner,
    );
    expect(takeover).toBeDefined();
    // Resume it only after its timers are due: the warning timer fires as soon as it runs.
    await expect
      .poll(() => Date.now(), { timeout: 10_000 })
      .toBeGreaterThan(Date.parse(running.started_at) + 4_500);
    process.kill(zombie.pid, 'SIGCONT');

    const done = await waitForEnd(t.api, id, 30_000);
    expect([done.state, done.owner, done.tasks.map((x) => [x.attempt, x.state])]).toEqual([
      'SUCCESS',
      taken.owner,
      [[1, 'SUCCESS']],
    ]);
    expect(readIntervals(record).filter((i) => i.instance === id)).toHaveLength(1);

    // It rejoins: registered again (a new lease) by the same process ...
    await expect
      .poll(
        async () => {
          const raw = await t.cluster.etcd
            .get(`${t.cluster.options.etcdPrefix}members/master/${zombie.name}`)
            .string();
          return raw === null ? undefined : parseMemberInfo(raw)?.pid;
        },
        { timeout: 30_000 },
      )
      .toBe(zombie.pid);
    // ... and takes new work.
    await t.api.ApplyWorkflow({
      yaml: 'name: after\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n',
    });
    const fresh = await t.api.StartInstance({ workflow: 'after' });
    const master = makeServiceClient(batonProto().Master.service, channels!.get(zombie.address));
    await master.SubmitInstance({ instance_id: fresh.id }).catch(() => undefined);
    const after = await waitForEnd(t.api, fresh.id);
    expect(after.state).toBe('SUCCESS');

    // Nothing at all was written by it about the lost instance once it was replaced.
    const history = (await t.api.GetInstanceHistory({ id })).changes;
    const takeoverIndex = history.findIndex(
      (c) => c.reason === takeover!.reason && c.at === takeover!.at,
    );
    expect(takeoverIndex).toBeGreaterThan(-1);
    expect(history.slice(takeoverIndex).filter((c) => c.actor === zombie.name)).toEqual([]);
    expect(
      history.filter((c) => c.reason.startsWith('warning:')).every((c) => c.actor === taken.owner),
    ).toBe(true);
  });
});
