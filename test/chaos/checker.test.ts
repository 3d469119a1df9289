import { describe, expect, it } from 'vitest';
import { instance, plainDefinition, run, T0, taskRow } from '../support/chaos-evidence.js';
import { checkExactlyOneChild } from './check-children.js';
import { checkNoLostWork } from './check-ended.js';
import { checkTasksRanOnce } from './check-once.js';
import { checkAll } from './checker.js';
import type { Fault } from './faults.js';
import type { TaskRecord } from './history.js';
import { parseRecord } from './record.js';

describe('F2 exactly one child', () => {
  const parent = instance({ id: '1', executionType: 'PARALLEL' });
  const child = (id: string, attempt: number, createdAt: number, endedAt: number | null) =>
    instance({
      id,
      parentId: '1',
      parentTask: 'sub',
      parentTaskAttempt: attempt,
      createdAt,
      endedAt,
    });
  const task = (attempt: number, state: string, childInstanceId: string | null): TaskRecord => ({
    instanceId: '1',
    task: 'sub',
    type: 'SUB_WORKFLOW',
    attempt,
    round: 0,
    state,
    childInstanceId,
    decision: null,
  });

  it('passes one child per attempt, a retry after the first child ended', () => {
    const instances = [parent, child('2', 1, T0, T0 + 100), child('3', 2, T0 + 200, T0 + 300)];
    const tasks = [task(1, 'FAILURE', '2'), task(2, 'SUCCESS', '3')];
    expect(checkExactlyOneChild(instances, tasks)).toEqual([]);
  });

  it('fails on two children of one attempt', () => {
    const instances = [parent, child('2', 1, T0, T0 + 100), child('3', 1, T0 + 200, T0 + 300)];
    const messages = checkExactlyOneChild(instances, [task(1, 'SUCCESS', '2')]).map(
      (v) => v.message,
    );
    expect(messages).toContainEqual(expect.stringContaining('has 2 children'));
  });

  it("fails on a new attempt's child while the earlier child still runs", () => {
    const instances = [parent, child('2', 1, T0, null), child('3', 2, T0 + 200, T0 + 300)];
    expect(checkExactlyOneChild(instances, [])).toMatchObject([
      { invariant: 'F2', message: expect.stringContaining('still ran') as unknown },
    ]);
  });

  it("passes a later round's attempt re-attached to the child of an earlier round", () => {
    const instances = [parent, child('2', 1, T0, T0 + 100)];
    const tasks = [task(1, 'FAILURE', '2'), { ...task(2, 'SUCCESS', '2'), round: 1 }];
    expect(checkExactlyOneChild(instances, tasks)).toEqual([]);
    // In the same round it is a retry: it must have made a child of its own.
    expect(
      checkExactlyOneChild(instances, [task(1, 'FAILURE', '2'), task(2, 'SUCCESS', '2')]),
    ).toHaveLength(1);
  });

  it('fails on a sub-workflow task that ran without its child, or points elsewhere', () => {
    expect(checkExactlyOneChild([parent], [task(1, 'RUNNING', null)])).toHaveLength(1);
    const instances = [parent, child('2', 1, T0, T0 + 100)];
    expect(checkExactlyOneChild(instances, [task(1, 'SUCCESS', '9')])).toHaveLength(1);
    expect(checkExactlyOneChild([parent], [task(1, 'KILL', null)])).toEqual([]);
  });
});

describe('F3 no lost work', () => {
  it('fails on an instance missing from MySQL and on an unended PARALLEL instance', () => {
    const instances = [
      instance({ id: '1', executionType: 'PARALLEL' }),
      instance({ id: '2', executionType: 'PARALLEL', state: 'RUNNING' }),
      instance({ id: '3', state: 'SERIAL_WAIT' }),
    ];
    const started = ['1', '2', '4'].map((id) => ({ id, kind: 'k', workflow: 'w' }));
    const v = checkNoLostWork(instances, started);
    expect(v.map((x) => x.message.split(' ')[1])).toEqual(['4', '2']);
    expect(checkNoLostWork(instances.slice(0, 1), started.slice(0, 1))).toEqual([]);
  });
});

describe('ONCE: no task executed twice', () => {
  it('passes a retry that starts after the earlier attempt ended', () => {
    const runs = [
      run({ instance: '1', attempt: 1, start: 0, end: 1_000 }),
      run({ instance: '1', attempt: 2, start: 1_000, worker: 'worker-2' }),
    ];
    expect(checkTasksRanOnce(runs)).toEqual([]);
  });

  it('fails when one attempt ran twice', () => {
    const runs = [
      run({ instance: '1', start: 0, end: 100 }),
      run({ instance: '1', start: 5_000, worker: 'worker-2' }),
    ];
    expect(checkTasksRanOnce(runs)).toMatchObject([{ invariant: 'ONCE' }]);
  });

  it('fails when a retry started beside the earlier attempt', () => {
    const runs = [
      run({ instance: '1', attempt: 1, start: 0, end: 5_000 }),
      run({ instance: '1', attempt: 2, start: 4_000, worker: 'worker-2' }),
    ];
    expect(checkTasksRanOnce(runs)).toMatchObject([{ invariant: 'ONCE' }]);
  });
});

describe('checkAll', () => {
  it('closes unended runs before judging: a run killed with its worker does not overlap', () => {
    const killed: Fault = {
      kind: 'kill-worker',
      target: 'worker-1',
      start: 500,
      end: 900,
      detail: '',
    };
    const runs = parseRecord(
      'start 100 w 1 a 1 worker-1 1\nstart 4000 w 1 a 2 worker-2 2\nend 5000 w 1 a 2 worker-2 2 0',
    );
    const evidence = {
      runs,
      history: {
        instances: [instance({ id: '1' })],
        tasks: [1, 2].map((attempt) => taskRow({ instanceId: '1', task: 'a', attempt })),
        changes: [],
        definitions: [plainDefinition()],
        backfills: [],
      },
      faults: [killed],
      crashes: [],
      started: [{ id: '1', kind: 'k', workflow: 'w' }],
      controls: [],
      backfills: [],
      poolSizes: [],
      poolAfter: undefined,
      leaseTtlMs: 3_000,
      serialGapWaitMs: 30_000,
      checkedAt: 10_000,
    };
    expect(checkAll(evidence)).toEqual([]);
    expect(checkAll({ ...evidence, faults: [] }).map((v) => v.invariant)).toEqual(['ONCE']);
  });

  it('reports a process that died by itself', () => {
    const crash = { name: 'master-1', pid: 42, at: 1_000, how: 'code 1' };
    const evidence = {
      runs: [],
      history: { instances: [], tasks: [], changes: [], definitions: [], backfills: [] },
      faults: [],
      crashes: [crash],
      started: [],
      controls: [],
      backfills: [],
      poolSizes: [],
      poolAfter: undefined,
      leaseTtlMs: 3_000,
      serialGapWaitMs: 30_000,
      checkedAt: 10_000,
    };
    expect(checkAll(evidence)).toMatchObject([{ invariant: 'CRASH' }]);
  });
});
