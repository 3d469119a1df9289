import { describe, expect, it } from 'vitest';
import type {
  TaskDefinition,
  WorkflowDefinitionSpec,
} from '../../../shared/domain/workflow-spec.js';
import type { TaskState } from '../../../shared/domain/task-states.js';
import { plan, type TaskProgress } from './dag-planner.js';
import { spec as specOf, task as shellTask } from './testing/definitions.js';

const task = (
  name: string,
  dependsOn: string[] = [],
  extra: Partial<TaskDefinition> = {},
): TaskDefinition => shellTask(name, { command: 'true', dependsOn, ...extra });

const spec = (
  tasks: TaskDefinition[],
  failureStrategy: 'CONTINUE' | 'END' = 'CONTINUE',
): WorkflowDefinitionSpec => specOf(tasks, { failureStrategy });

/** [state, attempt, failures, endedAt]; failures default to "every attempt failed" for FAILURE. */
function progress(
  entries: Record<string, [TaskState, number?, number?, number?]>,
): Map<string, TaskProgress> {
  return new Map(
    Object.entries(entries).map(([name, [state, attempt = 1, failures, endedAt]]) => [
      name,
      {
        state,
        attempt,
        failures: failures ?? (state === 'FAILURE' ? attempt : 0),
        endedAt: endedAt === undefined ? null : new Date(endedAt),
      },
    ]),
  );
}

const NOW = 1_000_000;

describe('plan', () => {
  const diamond = spec([task('a'), task('b', ['a']), task('c', ['a']), task('d', ['b', 'c'])]);

  it('starts only the roots of a fresh DAG', () => {
    expect(plan({ spec: diamond, progress: new Map(), stopping: false, now: NOW })).toEqual([
      { kind: 'start', task: 'a', attempt: 1 },
    ]);
  });

  it('starts a task only when every dependency succeeded', () => {
    const p = progress({ a: ['SUCCESS'], b: ['SUCCESS'], c: ['RUNNING'] });
    expect(plan({ spec: diamond, progress: p, stopping: false, now: NOW })).toEqual([]);
    p.set('c', { state: 'SUCCESS', attempt: 1, failures: 0, endedAt: null });
    expect(plan({ spec: diamond, progress: p, stopping: false, now: NOW })).toEqual([
      { kind: 'start', task: 'd', attempt: 1 },
    ]);
  });

  it('ends SUCCESS when every task succeeded', () => {
    const p = progress({ a: ['SUCCESS'], b: ['SUCCESS'], c: ['SUCCESS'], d: ['SUCCESS'] });
    expect(plan({ spec: diamond, progress: p, stopping: false, now: NOW })).toEqual([
      { kind: 'finish', state: 'SUCCESS' },
    ]);
  });

  it('retries a failure after the interval, up to `retries` times', () => {
    const s = spec([task('a', [], { retries: 2, retryIntervalMs: 5_000 })]);
    const waiting = plan({
      spec: s,
      progress: progress({ a: ['FAILURE', 1, 1, NOW - 1_000] }),
      stopping: false,
      now: NOW,
    });
    expect(waiting).toEqual([{ kind: 'retry-at', task: 'a', at: NOW + 4_000 }]);
    const due = plan({
      spec: s,
      progress: progress({ a: ['FAILURE', 1, 1, NOW - 5_000] }),
      stopping: false,
      now: NOW,
    });
    expect(due).toEqual([{ kind: 'start', task: 'a', attempt: 2 }]);
    const exhausted = plan({
      spec: s,
      progress: progress({ a: ['FAILURE', 3, 3, NOW - 9_000] }),
      stopping: false,
      now: NOW,
    });
    expect(exhausted).toEqual([{ kind: 'finish', state: 'FAILURE' }]);
  });

  it('restarts a task whose worker died without spending a retry', () => {
    const s = spec([task('a')]);
    expect(
      plan({
        spec: s,
        progress: progress({ a: ['NEED_FAULT_TOLERANCE', 1, 0] }),
        stopping: false,
        now: NOW,
      }),
    ).toEqual([{ kind: 'start', task: 'a', attempt: 2 }]);
  });

  it('CONTINUE lets independent branches finish, then fails', () => {
    const s = spec([task('a'), task('b', ['a']), task('x')]);
    const running = progress({ a: ['FAILURE'], x: ['RUNNING'] });
    expect(plan({ spec: s, progress: running, stopping: false, now: NOW })).toEqual([]);
    const done = progress({ a: ['FAILURE'], x: ['SUCCESS'] });
    expect(plan({ spec: s, progress: done, stopping: false, now: NOW })).toEqual([
      { kind: 'finish', state: 'FAILURE' },
    ]);
  });

  it('END kills the running siblings of a final failure, then fails', () => {
    const s = spec([task('a'), task('x'), task('y')], 'END');
    const p = progress({ a: ['FAILURE'], x: ['RUNNING'], y: ['DISPATCHED'] });
    expect(plan({ spec: s, progress: p, stopping: false, now: NOW })).toEqual([
      { kind: 'kill', task: 'x' },
      { kind: 'kill', task: 'y' },
    ]);
    const killed = progress({ a: ['FAILURE'], x: ['KILL'], y: ['KILL'] });
    expect(plan({ spec: s, progress: killed, stopping: false, now: NOW })).toEqual([
      { kind: 'finish', state: 'FAILURE' },
    ]);
  });

  it('END waits for a retry rather than killing siblings', () => {
    const s = spec([task('a', [], { retries: 1, retryIntervalMs: 10_000 }), task('x')], 'END');
    const p = progress({ a: ['FAILURE', 1, 1, NOW], x: ['RUNNING'] });
    expect(plan({ spec: s, progress: p, stopping: false, now: NOW })).toEqual([
      { kind: 'retry-at', task: 'a', at: NOW + 10_000 },
    ]);
  });

  it('stopping kills every active task, starts nothing, then ends STOP', () => {
    const p = progress({ a: ['SUCCESS'], b: ['RUNNING'], c: ['SUBMITTED'] });
    expect(plan({ spec: diamond, progress: p, stopping: true, now: NOW })).toEqual([
      { kind: 'kill', task: 'b' },
      { kind: 'kill', task: 'c' },
    ]);
    const ended = progress({ a: ['SUCCESS'], b: ['KILL'], c: ['KILL'] });
    expect(plan({ spec: diamond, progress: ended, stopping: true, now: NOW })).toEqual([
      { kind: 'finish', state: 'STOP' },
    ]);
  });
});
