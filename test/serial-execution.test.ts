import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overlaps, readIntervals, recordedCommand } from './support/execution-record.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

/**
 * Waits until the task of `instance` has written its start line: RUNNING in Baton can come
 * before the shell gets there, and an instance stopped in between never writes it.
 */
async function waitForStartLine(record: string, instance: string): Promise<void> {
  await expect.poll(() => readIntervals(record).map((i) => i.instance)).toContain(instance);
}

describe('serial execution types (2 masters, 2 coordinators, 2 workers)', () => {
  let t: TestCluster;

  beforeAll(async () => {
    t = await startTestCluster('serial', { layout: { masters: 2, coordinators: 2, workers: 2 } });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function define(
    name: string,
    executionType: string,
    body: string,
    stopDelaySeconds = 0,
  ): Promise<string> {
    const record = join(t.dir, `${name}.record`);
    const command = recordedCommand(record, body, stopDelaySeconds);
    await t.api.ApplyWorkflow({
      yaml: `name: ${name}\nexecutionType: ${executionType}\ntasks:\n  - { name: a, type: SHELL, command: '${command}' }\n`,
    });
    return record;
  }

  it('SERIAL_WAIT runs one at a time, in submission order, every instance eventually', async () => {
    // The first run holds the slot until the test has seen the whole queue (a flag file), so
    // a slow machine cannot let it end before the others are queued.
    const flag = join(t.dir, 'wait.go');
    const record = await define(
      'wait',
      'SERIAL_WAIT',
      `while [ ! -e ${flag} ]; do sleep 0.1; done; sleep 0.2`,
    );
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await t.api.StartInstance({ workflow: 'wait' })).id);
    // A start is acknowledged before its master enqueues it: wait for the queue to fill.
    await expect
      .poll(
        async () => {
          const state = await t.api.GetSerialState({ workflow: 'wait' });
          return [state.holder?.instance_id, ...state.waiting.map((w) => w.instance_id)];
        },
        { timeout: 30_000 },
      )
      .toEqual(ids);
    writeFileSync(flag, '');
    const ends = await Promise.all(ids.map((id) => waitForEnd(t.api, id)));
    expect(ends.map((e) => e.state)).toEqual(ids.map(() => 'SUCCESS'));
    const intervals = readIntervals(record);
    expect(overlaps(intervals)).toEqual([]);
    expect(intervals.map((i) => i.instance)).toEqual(ids);
    const after = await t.api.GetSerialState({ workflow: 'wait' });
    expect([after.holder, after.waiting_count]).toEqual([null, '0']);
  });

  it('SERIAL_DISCARD: a newcomer that finds the slot held ends SERIAL_DISCARD and never runs', async () => {
    const record = await define('discard', 'SERIAL_DISCARD', 'sleep 1');
    const first = await t.api.StartInstance({ workflow: 'discard' });
    await waitForInstance(t.api, first.id, (i) => i.state === 'RUNNING');
    const later = [
      await t.api.StartInstance({ workflow: 'discard' }),
      await t.api.StartInstance({ workflow: 'discard' }),
    ];
    const ended = await Promise.all([first, ...later].map((i) => waitForEnd(t.api, i.id)));
    expect(ended.map((e) => e.state)).toEqual(['SUCCESS', 'SERIAL_DISCARD', 'SERIAL_DISCARD']);
    expect(ended[1]!.tasks).toEqual([]);
    expect(readIntervals(record).map((i) => i.instance)).toEqual([first.id]);
  });

  it('SERIAL_PRIORITY: the newest wins; older waiting ones are discarded, the older holder stopped', async () => {
    // Each run takes 1.5 s to stop, so a newer instance is still queued when the newest comes.
    const record = await define('priority', 'SERIAL_PRIORITY', 'sleep 20', 1.5);
    const first = await t.api.StartInstance({ workflow: 'priority' });
    await waitForInstance(t.api, first.id, (i) => i.tasks[0]?.state === 'RUNNING');
    await waitForStartLine(record, first.id);
    const second = await t.api.StartInstance({ workflow: 'priority' });
    await waitForInstance(t.api, second.id, (i) => i.state === 'SERIAL_WAIT');
    const third = await t.api.StartInstance({ workflow: 'priority' });
    const [a, b] = await Promise.all([waitForEnd(t.api, first.id), waitForEnd(t.api, second.id)]);
    expect([a.state, b.state]).toEqual(['STOP', 'SERIAL_DISCARD']);
    await waitForInstance(
      t.api,
      third.id,
      (i) => i.state === 'RUNNING' && i.tasks[0]?.state === 'RUNNING',
    );
    await waitForStartLine(record, third.id);
    // A running holder is stopped by a newer instance; the newer one runs once it has stopped.
    const fourth = await t.api.StartInstance({ workflow: 'priority' });
    expect((await waitForEnd(t.api, third.id)).state).toBe('STOP');
    await waitForInstance(t.api, fourth.id, (i) => i.tasks[0]?.state === 'RUNNING');
    await waitForStartLine(record, fourth.id);
    await t.api.StopInstance({ id: fourth.id });
    await waitForEnd(t.api, fourth.id);
    const intervals = readIntervals(record);
    expect(intervals.map((i) => i.instance)).toEqual([first.id, third.id, fourth.id]);
    expect(overlaps(intervals)).toEqual([]);
  });

  it('a waiting instance that is stopped leaves the queue at once; the others still run in order', async () => {
    const record = await define('stop-waiting', 'SERIAL_WAIT', 'sleep 1');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1)
      ids.push((await t.api.StartInstance({ workflow: 'stop-waiting' })).id);
    await waitForInstance(t.api, ids[1]!, (i) => i.state === 'SERIAL_WAIT');
    await t.api.StopInstance({ id: ids[1]! });
    const stopped = await waitForEnd(t.api, ids[1]!, 3_000);
    expect(stopped.state).toBe('STOP');
    const state = await t.api.GetSerialState({ workflow: 'stop-waiting' });
    expect(state.waiting.map((w) => w.instance_id)).not.toContain(ids[1]);
    const last = await waitForEnd(t.api, ids[2]!);
    expect(last.state).toBe('SUCCESS');
    expect(readIntervals(record).map((i) => i.instance)).toEqual([ids[0], ids[2]]);
  });
});

describe('stopping the running holder (SERIAL_WAIT)', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster('serial-stop-holder', {
      layout: { masters: 1, coordinators: 1, workers: 1 },
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('the next waiting instance starts once the holder has stopped, never before', async () => {
    const record = join(t.dir, 'record.txt');
    await t.api.ApplyWorkflow({
      yaml: `name: held\nexecutionType: SERIAL_WAIT\ntasks:\n  - { name: a, type: SHELL, command: '${recordedCommand(record, 'sleep 30', 1)}' }\n`,
    });
    const a = await t.api.StartInstance({ workflow: 'held' });
    await waitForInstance(t.api, a.id, (i) => i.tasks[0]?.state === 'RUNNING');
    await waitForStartLine(record, a.id);
    const b = await t.api.StartInstance({ workflow: 'held' });
    await waitForInstance(t.api, b.id, (i) => i.state === 'SERIAL_WAIT');
    await t.api.StopInstance({ id: a.id });
    expect((await waitForEnd(t.api, a.id)).state).toBe('STOP');
    await waitForInstance(t.api, b.id, (i) => i.tasks[0]?.state === 'RUNNING');
    await waitForStartLine(record, b.id);
    await t.api.StopInstance({ id: b.id });
    await waitForEnd(t.api, b.id);
    const intervals = readIntervals(record);
    expect(intervals.map((i) => i.instance)).toEqual([a.id, b.id]);
    expect(overlaps(intervals)).toEqual([]);
  });
});
