import { describe, expect, it } from 'vitest';
import { change, instance, run, T0 } from '../support/chaos-evidence.js';
import { checkMutualExclusion, checkSerialLiveness, checkSerialOrder } from './check-serial.js';

describe('S1 mutual exclusion', () => {
  const instances = [instance({ id: '1' }), instance({ id: '2' }), instance({ id: '3' })];

  it('passes back-to-back runs and overlapping tasks of one instance', () => {
    const runs = [
      run({ instance: '1', start: 0, end: 1_000 }),
      run({ instance: '1', task: 'b', start: 500, end: 1_000 }),
      run({ instance: '2', start: 1_000, end: 2_000 }),
    ];
    expect(checkMutualExclusion(runs, instances)).toEqual([]);
  });

  it('fails when two instances of a serial definition overlap', () => {
    const runs = [
      run({ instance: '1', start: 0, end: 1_000 }),
      run({ instance: '2', start: 999, end: 2_000 }),
    ];
    expect(checkMutualExclusion(runs, instances)).toMatchObject([{ invariant: 'S1' }]);
  });

  it('does not judge PARALLEL definitions', () => {
    const parallel = [instance({ id: '1', executionType: 'PARALLEL' })];
    const runs = [run({ instance: '1', start: 0 }), run({ instance: '1', start: 10, task: 'b' })];
    expect(checkMutualExclusion(runs, parallel)).toEqual([]);
  });
});

describe('S2 liveness', () => {
  it('fails for a serial instance still waiting or running, not for ended ones', () => {
    const v = checkSerialLiveness([
      instance({ id: '1' }),
      instance({ id: '2', state: 'SERIAL_WAIT' }),
      instance({ id: '3', state: 'RUNNING', executionType: 'SERIAL_PRIORITY' }),
      instance({ id: '4', state: 'RUNNING', executionType: 'PARALLEL' }),
    ]);
    expect(v.map((x) => [x.invariant, x.message.split(' ')[1]])).toEqual([
      ['S2', '2'],
      ['S2', '3'],
    ]);
  });
});

describe('S3 order', () => {
  const gap = 30_000;

  it('passes instances that ran in id order', () => {
    const instances = [instance({ id: '9' }), instance({ id: '10' })];
    const runs = [run({ instance: '9', start: 0 }), run({ instance: '10', start: 1_000 })];
    expect(checkSerialOrder(runs, instances, [], gap)).toEqual([]);
  });

  it('fails when a later-submitted instance ran first (ids compare as numbers)', () => {
    const instances = [instance({ id: '9' }), instance({ id: '10' })];
    const runs = [run({ instance: '10', start: 0 }), run({ instance: '9', start: 1_000 })];
    expect(checkSerialOrder(runs, instances, [], gap)).toMatchObject([{ invariant: 'S3' }]);
  });

  it('excuses overtaking an instance still SUBMITTED past the gap wait, but not before it', () => {
    const late = instance({ id: '1', createdAt: T0 });
    const instances = [late, instance({ id: '2', createdAt: T0 + 1_000 })];
    const runs = [
      run({ instance: '2', start: T0 + 40_000 }),
      run({ instance: '1', start: T0 + 50_000 }),
    ];
    const admitted = (at: number) => [
      change({ instanceId: '2', fromState: 'SERIAL_WAIT', toState: 'RUNNING', at }),
      change({ instanceId: '1', fromState: 'SUBMITTED', toState: 'SERIAL_WAIT', at: at + 5_000 }),
    ];
    expect(checkSerialOrder(runs, instances, admitted(T0 + 31_000), gap)).toEqual([]);
    expect(checkSerialOrder(runs, instances, admitted(T0 + 29_000), gap)).toHaveLength(1);
  });

  it('does not judge SERIAL_DISCARD or SERIAL_PRIORITY', () => {
    const instances = [
      instance({ id: '1', executionType: 'SERIAL_PRIORITY' }),
      instance({ id: '2', executionType: 'SERIAL_PRIORITY' }),
    ];
    const runs = [run({ instance: '2', start: 0 }), run({ instance: '1', start: 5_000 })];
    expect(checkSerialOrder(runs, instances, [], gap)).toEqual([]);
  });
});
