import { describe, expect, it } from 'vitest';
import { change, instance, run, T0, taskRow } from '../support/chaos-evidence.js';
import { checkControlsOnce } from './check-controls.js';
import type { ControlCall } from './controls.js';

/**
 * Instance 1 (a -> b): round 0 ran a#1 (SUCCESS) and b#1 (FAILURE) and ended FAILURE at T0+3000;
 * a recover at T0+5000 opened round 1, which ran b#2 (SUCCESS).
 */
const instances = [instance({ id: '1', round: 1 })];
const tasks = [
  taskRow({ instanceId: '1', task: 'a', attempt: 1 }),
  taskRow({ instanceId: '1', task: 'b', attempt: 1, state: 'FAILURE' }),
  taskRow({ instanceId: '1', task: 'b', attempt: 2, round: 1 }),
];
const reopen = change({
  instanceId: '1',
  fromState: 'FAILURE',
  toState: 'SUBMITTED',
  actor: 'api',
  at: T0 + 5_000,
});
const changes = [reopen];
const recover: ControlCall = {
  op: 'recover',
  instance: '1',
  task: null,
  sentAt: T0 + 4_990,
  at: T0 + 5_020,
  outcome: 'OK',
  state: 'SUBMITTED',
};
const cleanRuns = [
  run({ instance: '1', task: 'a', start: T0 }),
  run({ instance: '1', task: 'b', start: T0 + 1_000 }),
  run({ instance: '1', task: 'b', attempt: 2, start: T0 + 6_000 }),
];

describe('C1 a task attempt runs once, in its round; a control is carried out once', () => {
  it('passes a recover that re-ran the failed task only, in the new round', () => {
    expect(checkControlsOnce(cleanRuns, instances, tasks, changes, [recover])).toEqual([]);
  });

  it('fails on a run of an attempt MySQL never made', () => {
    const runs = [...cleanRuns, run({ instance: '1', task: 'b', attempt: 3, start: T0 + 7_000 })];
    expect(checkControlsOnce(runs, instances, tasks, changes, [recover])).toMatchObject([
      { invariant: 'C1', message: expect.stringContaining('no such attempt') as unknown },
    ]);
  });

  it('fails on an attempt started outside its round', () => {
    const early = [
      ...cleanRuns.slice(0, 2),
      run({ instance: '1', task: 'b', attempt: 2, start: T0 + 4_000 }),
    ];
    expect(checkControlsOnce(early, instances, tasks, changes, [recover])).toMatchObject([
      { invariant: 'C1', message: expect.stringContaining('before its round') as unknown },
    ]);
    // b#1 (round 0) started again after the recover had opened round 1.
    const stale = [
      ...cleanRuns,
      run({ instance: '1', task: 'b', start: T0 + 5_500, worker: 'worker-2' }),
    ];
    expect(checkControlsOnce(stale, instances, tasks, changes, [recover])).toMatchObject([
      { invariant: 'C1', message: expect.stringContaining('after round 1 was opened') as unknown },
    ]);
  });

  it('fails when a task that succeeded runs again in a later round', () => {
    const rerun = [...tasks, taskRow({ instanceId: '1', task: 'a', attempt: 2, round: 1 })];
    const runs = [...cleanRuns, run({ instance: '1', task: 'a', attempt: 2, start: T0 + 6_000 })];
    expect(checkControlsOnce(runs, instances, rerun, changes, [recover])).toMatchObject([
      { invariant: 'C1', message: expect.stringContaining('succeeded in round 0') as unknown },
    ]);
  });

  it('fails on a reopen no call asked for, or one call carried out twice', () => {
    expect(checkControlsOnce(cleanRuns, instances, tasks, changes, [])).toHaveLength(1);
    const refused = { ...recover, outcome: 'FailedPreconditionError' };
    expect(checkControlsOnce(cleanRuns, instances, tasks, changes, [refused])).toHaveLength(1);
    const twice = [reopen, { ...reopen, id: reopen.id + 1, fromState: 'STOP', at: T0 + 5_010 }];
    expect(checkControlsOnce([], instances, tasks, twice, [recover])).toMatchObject([
      { invariant: 'C1', message: expect.stringContaining('STOP→SUBMITTED') as unknown },
    ]);
  });

  it('matches a call with no answer to a later commit, and a forced success to its call', () => {
    const lost = {
      ...recover,
      sentAt: T0 + 1_000,
      at: T0 + 1_500,
      outcome: 'DeadlineExceededError',
    };
    expect(checkControlsOnce(cleanRuns, instances, tasks, changes, [lost])).toEqual([]);
    const forced = change({
      instanceId: '1',
      task: 'b',
      attempt: 1,
      fromState: 'FAILURE',
      toState: 'FORCED_SUCCESS',
      at: T0 + 4_000,
    });
    const force: ControlCall = {
      ...recover,
      op: 'force-success',
      task: 'b',
      sentAt: T0 + 3_990,
      at: T0 + 4_010,
    };
    const all = [...changes, forced];
    expect(checkControlsOnce(cleanRuns, instances, tasks, all, [recover, force])).toEqual([]);
    expect(checkControlsOnce(cleanRuns, instances, tasks, all, [recover])).toMatchObject([
      { invariant: 'C1', message: expect.stringContaining('FORCED_SUCCESS') as unknown },
    ]);
  });

  it("does not ask a call for a child's reopen: its parent's master makes it", () => {
    const child = instance({ id: '2', parentId: '1', parentTask: 'sub', parentTaskAttempt: 1 });
    const childReopen = change({
      instanceId: '2',
      fromState: 'FAILURE',
      toState: 'SUBMITTED',
      actor: 'master-1',
    });
    expect(checkControlsOnce([], [child], [], [childReopen], [])).toEqual([]);
  });
});
