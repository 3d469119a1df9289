import { describe, expect, it } from 'vitest';
import { change, instance, run, T0, taskRow } from '../support/chaos-evidence.js';
import { checkSerialOrder } from './check-serial.js';
import { checkRequeueOrder } from './check-serial-rounds.js';

/**
 * SERIAL_WAIT instance 1 ran (round 0) and failed; instance 2 was queued at T0+2000 while 1
 * still held the slot; 1 was recovered at T0+3000 (round 1) and queued again at T0+3100.
 */
const instances = [
  instance({ id: '1', round: 1, createdAt: T0 }),
  instance({ id: '2', createdAt: T0 + 1_000 }),
];
const tasks = [
  taskRow({ instanceId: '1', task: 'a', attempt: 1, state: 'FAILURE' }),
  taskRow({ instanceId: '1', task: 'a', attempt: 2, round: 1 }),
  taskRow({ instanceId: '2', task: 'a', attempt: 1 }),
];
const changes = [
  change({ id: 1, instanceId: '1', fromState: 'SUBMITTED', toState: 'RUNNING', at: T0 + 10 }),
  change({
    id: 2,
    instanceId: '2',
    fromState: 'SUBMITTED',
    toState: 'SERIAL_WAIT',
    at: T0 + 2_000,
  }),
  change({ id: 3, instanceId: '1', fromState: 'RUNNING', toState: 'FAILURE', at: T0 + 2_500 }),
  change({ id: 4, instanceId: '1', fromState: 'FAILURE', toState: 'SUBMITTED', at: T0 + 3_000 }),
  change({
    id: 5,
    instanceId: '1',
    fromState: 'SUBMITTED',
    toState: 'SERIAL_WAIT',
    at: T0 + 3_100,
  }),
];
const admit = (id: string, at: number, changeId: number) =>
  change({ id: changeId, instanceId: id, fromState: 'SERIAL_WAIT', toState: 'RUNNING', at });

describe('S3 across repairs: a reopened serial instance queues at the tail', () => {
  it('passes a recovered instance that ran after the one already waiting', () => {
    const all = [...changes, admit('2', T0 + 3_200, 6), admit('1', T0 + 5_000, 7)];
    const runs = [
      run({ instance: '1', start: T0 + 20 }),
      run({ instance: '2', start: T0 + 3_300 }),
      run({ instance: '1', attempt: 2, start: T0 + 5_100 }),
    ];
    expect(checkRequeueOrder(runs, instances, tasks, all)).toEqual([]);
  });

  it('fails when the recovered instance ran ahead of one already waiting', () => {
    const all = [...changes, admit('1', T0 + 3_200, 6), admit('2', T0 + 5_000, 7)];
    const runs = [
      run({ instance: '1', start: T0 + 20 }),
      run({ instance: '1', attempt: 2, start: T0 + 3_300 }),
      run({ instance: '2', start: T0 + 5_100 }),
    ];
    expect(checkRequeueOrder(runs, instances, tasks, all)).toMatchObject([
      { invariant: 'S3', message: expect.stringContaining('not at the tail') as unknown },
    ]);
  });

  it('fails when an instance submitted after the recovered one queued ran first', () => {
    const late = instance({ id: '3', createdAt: T0 + 3_500 });
    const all = [...changes, admit('2', T0 + 3_200, 6), admit('3', T0 + 4_000, 7)];
    const runs = [
      run({ instance: '1', start: T0 + 20 }),
      run({ instance: '2', start: T0 + 3_300 }),
      run({ instance: '3', start: T0 + 4_100 }),
      run({ instance: '1', attempt: 2, start: T0 + 6_000 }),
    ];
    const rows = [...tasks, taskRow({ instanceId: '3', task: 'a' })];
    expect(checkRequeueOrder(runs, [...instances, late], rows, all)).toMatchObject([
      { invariant: 'S3', message: expect.stringContaining('instance 3 round 0') as unknown },
    ]);
  });

  it("does not take a later round's start for the instance's place in submission order", () => {
    // Instance 1's round 0 never ran (stopped while waiting); it ran only after a resume, after
    // instance 2. By round-0 starts alone nothing is out of order.
    const stopped = [instance({ id: '1', round: 1 }), instance({ id: '2' })];
    const rows = [
      taskRow({ instanceId: '1', task: 'a', round: 1 }),
      taskRow({ instanceId: '2', task: 'a' }),
    ];
    const runs = [
      run({ instance: '2', start: T0 + 1_000 }),
      run({ instance: '1', start: T0 + 5_000 }),
    ];
    expect(checkSerialOrder(runs, stopped, [], 30_000, rows)).toEqual([]);
    expect(checkSerialOrder(runs, stopped, [], 30_000, [])).toHaveLength(1);
  });
});
