import { describe, expect, it } from 'vitest';
import type { TaskDefinition } from '../../../shared/domain/workflow-spec.js';
import type { TaskState } from '../../../shared/domain/task-states.js';
import { plan, type TaskProgress } from './dag-planner.js';
import { progressOf, taskRunsFromRows } from './run-model.js';
import { spec, task as shellTask } from './testing/definitions.js';
import type { TaskRow } from '../../../shared/db/schema.js';

const task = (name: string, dependsOn: string[] = [], extra: Partial<TaskDefinition> = {}) =>
  shellTask(name, { command: 'true', dependsOn, ...extra });

const NOW = 1_000_000;

function p(state: TaskState, extra: Partial<TaskProgress> = {}): TaskProgress {
  return { state, attempt: 1, failures: state === 'FAILURE' ? 1 : 0, endedAt: null, ...extra };
}

describe('plan: force success', () => {
  const chain = spec([task('a'), task('b', ['a']), task('c', ['b'])]);

  it('counts FORCED_SUCCESS as a satisfied dependency', () => {
    const progress = new Map([
      ['a', p('SUCCESS')],
      ['b', p('FORCED_SUCCESS')],
    ]);
    expect(plan({ spec: chain, progress, stopping: false, now: NOW })).toEqual([
      { kind: 'start', task: 'c', attempt: 1 },
    ]);
  });

  it('ends SUCCESS when the only failed task was forced', () => {
    const progress = new Map([
      ['a', p('SUCCESS')],
      ['b', p('FORCED_SUCCESS')],
      ['c', p('SUCCESS')],
    ]);
    expect(plan({ spec: chain, progress, stopping: false, now: NOW })).toEqual([
      { kind: 'finish', state: 'SUCCESS' },
    ]);
  });
});

describe('plan: a recovered round', () => {
  const chain = spec([task('a'), task('b', ['a'], { retries: 1 }), task('c', ['b'])], {
    failureStrategy: 'END',
  });

  it('starts a task that failed in an earlier round as its next attempt, retries fresh', () => {
    const progress = new Map([
      ['a', p('SUCCESS')],
      ['b', p('FAILURE', { attempt: 2, failures: 2, stale: true })],
    ]);
    expect(plan({ spec: chain, progress, stopping: false, now: NOW })).toEqual([
      { kind: 'start', task: 'b', attempt: 3 },
    ]);
  });

  it('plans a task killed or skipped in an earlier round again once its inputs succeed', () => {
    const progress = new Map([
      ['a', p('SUCCESS')],
      ['b', p('SUCCESS', { attempt: 3 })],
      ['c', p('KILL', { stale: true })],
    ]);
    expect(plan({ spec: chain, progress, stopping: false, now: NOW })).toEqual([
      { kind: 'start', task: 'c', attempt: 2 },
    ]);
  });

  it('waits with a stale downstream task until the recovered one succeeds', () => {
    const progress = new Map([
      ['a', p('SUCCESS')],
      ['b', p('RUNNING', { attempt: 3 })],
      ['c', p('SKIPPED', { stale: true })],
    ]);
    expect(plan({ spec: chain, progress, stopping: false, now: NOW })).toEqual([]);
  });

  it('retries a recovered task only as often as its retries allow in the new round', () => {
    const progress = new Map([
      ['a', p('SUCCESS')],
      ['b', p('FAILURE', { attempt: 4, failures: 2 })],
    ]);
    expect(plan({ spec: chain, progress, stopping: false, now: NOW })).toEqual([
      { kind: 'finish', state: 'FAILURE' },
    ]);
  });
});

describe('progress across rounds', () => {
  const defs = [task('a'), task('b', ['a'], { retries: 1 })];
  const at = new Date('2026-01-01T00:00:00Z');
  const row = (t: string, attempt: number, round: number, state: string): TaskRow => ({
    id: `${t}${attempt}`,
    instance_id: '1',
    task: t,
    type: 'SHELL',
    attempt,
    round,
    force_requested: 0,
    state,
    worker: null,
    child_instance_id: null,
    exit_code: null,
    outputs: null,
    decision: null,
    change_actor: null,
    change_reason: null,
    change_epoch: '1',
    created_at: at,
    started_at: at,
    ended_at: at,
    updated_at: at,
  });

  it('counts failures in the newest attempt round only and marks earlier failures stale', () => {
    const runs = taskRunsFromRows(defs, [
      row('a', 1, 0, 'SUCCESS'),
      row('b', 1, 0, 'FAILURE'),
      row('b', 2, 0, 'FAILURE'),
      row('b', 3, 1, 'FAILURE'),
    ]);
    const b = runs.get('b');
    expect(b?.failures).toBe(1);
    expect(b === undefined ? undefined : progressOf(b, 1).stale).toBeUndefined();
    expect(b === undefined ? undefined : progressOf(b, 2).stale).toBe(true);
    const a = runs.get('a');
    expect(a === undefined ? undefined : progressOf(a, 2).stale).toBeUndefined();
  });
});

describe('plan: pausing (READY_PAUSE)', () => {
  const chain = spec([task('a'), task('b', ['a'], { retries: 2 }), task('c', ['b'])]);
  const pausing = (progress: Map<string, TaskProgress>, paused = new Set<string>()) =>
    plan({ spec: chain, progress, stopping: false, pausing: true, paused, now: NOW });

  it('lets a running task finish and kills nothing', () => {
    expect(pausing(new Map([['a', p('RUNNING')]]))).toEqual([]);
  });

  it('starts nothing new and ends PAUSE once nothing runs', () => {
    expect(pausing(new Map([['a', p('SUCCESS')]]))).toEqual([{ kind: 'finish', state: 'PAUSE' }]);
  });

  it('arms no retry: a failed task waits for the resume', () => {
    const progress = new Map([
      ['a', p('SUCCESS')],
      ['b', p('FAILURE', { endedAt: new Date(NOW) })],
    ]);
    expect(pausing(progress)).toEqual([{ kind: 'finish', state: 'PAUSE' }]);
  });

  it('counts a task whose child paused as not running', () => {
    const progress = new Map([
      ['a', p('SUCCESS')],
      ['b', p('RUNNING')],
    ]);
    expect(pausing(progress)).toEqual([]);
    expect(pausing(progress, new Set(['b']))).toEqual([{ kind: 'finish', state: 'PAUSE' }]);
  });

  it('ends as a run would when the last running task was the last task', () => {
    const progress = new Map([
      ['a', p('SUCCESS')],
      ['b', p('SUCCESS')],
      ['c', p('SUCCESS')],
    ]);
    expect(pausing(progress)).toEqual([{ kind: 'finish', state: 'SUCCESS' }]);
  });
});

describe('plan: start from tasks', () => {
  const chain = spec([task('a'), task('b', ['a']), task('c', ['b'])]);

  it('skips the tasks outside the set and counts them satisfied', () => {
    const selected = new Set(['b', 'c']);
    expect(plan({ spec: chain, progress: new Map(), stopping: false, selected, now: NOW })).toEqual(
      [
        { kind: 'skip', task: 'a', reason: 'not among the tasks started' },
        { kind: 'start', task: 'b', attempt: 1 },
      ],
    );
  });

  it('ends SUCCESS with the outside tasks SKIPPED', () => {
    const selected = new Set(['b']);
    const progress = new Map([
      ['a', p('SKIPPED')],
      ['b', p('SUCCESS')],
      ['c', p('SKIPPED')],
    ]);
    expect(plan({ spec: chain, progress, stopping: false, selected, now: NOW })).toEqual([
      { kind: 'finish', state: 'SUCCESS' },
    ]);
  });
});

describe('progress: recover --from', () => {
  it('runs a task that succeeded in an earlier round again when it is named', () => {
    const def = task('a');
    const [row] = [
      taskRunsFromRows(
        [def],
        [
          {
            id: '1',
            instance_id: '1',
            task: 'a',
            type: 'SHELL',
            attempt: 1,
            round: 0,
            force_requested: 0,
            state: 'SUCCESS',
            worker: null,
            child_instance_id: null,
            exit_code: 0,
            outputs: null,
            decision: null,
            change_actor: null,
            change_reason: null,
            change_epoch: '1',
            created_at: new Date(0),
            started_at: null,
            ended_at: null,
            updated_at: new Date(0),
          },
        ],
      ).get('a'),
    ];
    expect(row === undefined ? undefined : progressOf(row, 1).stale).toBeUndefined();
    expect(row === undefined ? undefined : progressOf(row, 1, new Set(['a'])).stale).toBe(true);
  });
});
