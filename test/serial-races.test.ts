import { status } from '@grpc/grpc-js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonError } from '../shared/errors.js';
import { ChannelPool, makeServiceClient } from '../shared/grpc/client.js';
import { batonProto } from '../shared/proto/load.js';
import { overlaps, readIntervals, recordedCommand } from './support/execution-record.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

/**
 * DolphinScheduler #16369: A times out and is being stopped while the hand-off to B runs; the
 * hand-off saw A still running, B went back to waiting, and nothing ever woke it. Here the race
 * is forced with named race points, in both orders.
 */
describe('a timeout racing the serial hand-off (DolphinScheduler #16369)', () => {
  let t: TestCluster;
  let record: string;
  /** Calls the coordinator as a master does (its certificate has the master role). */
  let channels: ChannelPool | undefined;

  beforeAll(async () => {
    t = await startTestCluster('serial-races', {
      layout: { masters: 2, coordinators: 1, workers: 2 },
    });
    channels = new ChannelPool(await t.cluster.clientCredentials('master'));
    record = join(t.dir, 'record.txt');
    await t.api.ApplyWorkflow({
      yaml: [
        'name: timed',
        'executionType: SERIAL_WAIT',
        'timeout: 3s',
        'params: { seconds: "30" }',
        `tasks:\n  - { name: a, type: SHELL, command: '${recordedCommand(record, 'sleep ${seconds}')}' }`,
      ].join('\n'),
    });
  });
  afterAll(async () => {
    channels?.close();
    await t?.dispose();
  });

  /** A (times out after 3 s) holds the slot, B waits; `arm` sets A's race point at once. */
  async function startPair(arm: (a: string) => void): Promise<[string, string]> {
    const a = await t.api.StartInstance({ workflow: 'timed' });
    arm(a.id);
    await waitForInstance(t.api, a.id, (i) => i.tasks[0]?.state === 'RUNNING');
    const b = await t.api.StartInstance({ workflow: 'timed', params: { seconds: '0.2' } });
    await waitForInstance(t.api, b.id, (i) => i.state === 'SERIAL_WAIT');
    return [a.id, b.id];
  }

  async function expectSettled(a: string, b: string): Promise<void> {
    const [endA, endB] = await Promise.all([waitForEnd(t.api, a), waitForEnd(t.api, b)]);
    expect([endA.state, endB.state]).toEqual(['STOP', 'SUCCESS']);
    const intervals = readIntervals(record).filter((i) => i.instance === a || i.instance === b);
    expect(intervals.map((i) => i.instance)).toEqual([a, b]);
    expect(overlaps(intervals)).toEqual([]);
    // B's release is sent after its end is committed (A's is still held): the slot frees
    // within a push or a reconciler pass, never later.
    await expect
      .poll(
        async () => {
          const state = await t.api.GetSerialState({ workflow: 'timed' });
          return [state.holder, state.waiting_count];
        },
        { timeout: 5_000, interval: 100 },
      )
      .toEqual([null, '0']);
    expect(
      (await t.api.ListInstances({ workflow: 'timed', state: 'SERIAL_WAIT' })).instances,
    ).toEqual([]);
  }

  it('hand-off attempted while A has not ended in MySQL: refused, and B starts once A has', async () => {
    // A's stop is held just before its terminal state is committed.
    const [a, b] = await startPair((a) =>
      t.setRacePoints({ 'serial.before-terminal-commit': { scope: a, ms: 3_000 } }),
    );
    await waitForInstance(
      t.api,
      a,
      (i) => i.state === 'READY_STOP' && i.tasks[0]?.state === 'KILL',
    );
    // A stray hand-off now (a duplicated release) must be refused: MySQL says A has not ended.
    const serial = await t.api.GetSerialState({ workflow: 'timed' });
    const coordinator = makeServiceClient(
      batonProto().Coordinator.service,
      channels!.get(t.cluster.get(serial.coordinator).address),
    );
    const refused = await coordinator
      .Release({ workflow: 'timed', instance_id: a })
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(BatonError);
    expect(((refused as Error).cause as { code: number }).code).toBe(status.FAILED_PRECONDITION);
    // Several reconciler passes run during the hold; none may hand the slot to B.
    expect((await t.api.GetInstance({ id: b })).state).toBe('SERIAL_WAIT');
    expect((await t.api.GetSerialState({ workflow: 'timed' })).holder?.instance_id).toBe(a);
    await expectSettled(a, b);
    t.setRacePoints({});
  });

  it("A's own release is late: the coordinator's reconciler hands off to B without it", async () => {
    // A's terminal state is committed, but its master's release is held for 20 s.
    const [a, b] = await startPair((a) =>
      t.setRacePoints({ 'serial.before-release': { scope: a, ms: 20_000 } }),
    );
    const endA = await waitForEnd(t.api, a);
    const running = await waitForInstance(t.api, b, (i) => i.tasks[0]?.state !== undefined, 5_000);
    expect(Date.parse(running.started_at) - Date.parse(endA.ended_at)).toBeLessThan(5_000);
    await expectSettled(a, b);
    t.setRacePoints({});
  });
});
