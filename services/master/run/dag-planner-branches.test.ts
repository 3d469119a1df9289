import { describe, expect, it } from 'vitest';
import type { TaskState } from '../../../shared/domain/task-states.js';
import type {
  TaskDefinition,
  WorkflowDefinitionSpec,
} from '../../../shared/domain/workflow-spec.js';
import { plan, type PlanAction, type TaskProgress } from './dag-planner.js';
import { spec as specOf, task as shellTask } from './testing/definitions.js';

const NOW = 1_000_000;

const sh = (name: string, dependsOn: string[] = [], extra: Partial<TaskDefinition> = {}) =>
  shellTask(name, { command: 'true', dependsOn, ...extra });

function conditions(
  name: string,
  dependsOn: string[],
  onTrue: string[],
  onFalse: string[],
): TaskDefinition {
  return shellTask(name, {
    type: 'CONDITIONS',
    command: '',
    dependsOn,
    condition: { relation: 'all', items: [{ task: dependsOn[0] ?? '', state: 'SUCCESS' }] },
    onTrue,
    onFalse,
  });
}

function switchTask(name: string, dependsOn: string[], nexts: string[], dflt?: string) {
  return shellTask(name, {
    type: 'SWITCH',
    command: '',
    dependsOn,
    switchCases: nexts.map((next, i) => ({ when: `\${x} == ${i}`, next })),
    switchDefault: dflt ?? null,
  });
}

type Entry = [TaskState, { chosen?: string[]; failures?: number }?];

function progress(entries: Record<string, Entry>): Map<string, TaskProgress> {
  return new Map(
    Object.entries(entries).map(([name, [state, extra = {}]]) => [
      name,
      {
        state,
        attempt: 1,
        failures: extra.failures ?? (state === 'FAILURE' ? 1 : 0),
        endedAt: null,
        ...(extra.chosen === undefined ? {} : { chosen: extra.chosen }),
      },
    ]),
  );
}

function next(s: WorkflowDefinitionSpec, entries: Record<string, Entry>): PlanAction[] {
  return plan({ spec: s, progress: progress(entries), stopping: false, now: NOW });
}

describe('plan: CONDITIONS', () => {
  // extract -> check -> (ok | alert); ok -> report
  const s = specOf([
    sh('extract'),
    conditions('check', ['extract'], ['ok'], ['alert']),
    sh('ok', ['check']),
    sh('alert', ['check']),
    sh('report', ['ok']),
  ]);

  it('waits for every dependency to end for good, a retry included', () => {
    const retrying = specOf(s.tasks.map((t) => (t.name === 'extract' ? { ...t, retries: 1 } : t)));
    expect(next(retrying, { extract: ['FAILURE', { failures: 1 }] })).toEqual([
      { kind: 'start', task: 'extract', attempt: 2 },
    ]);
    expect(next(s, { extract: ['RUNNING'] })).toEqual([]);
  });

  it('starts after a final FAILURE, which it consumes', () => {
    expect(next(s, { extract: ['FAILURE'] })).toEqual([
      { kind: 'start', task: 'check', attempt: 1 },
    ]);
  });

  it('runs the branch taken and skips the other, then what only it leads to', () => {
    const decided: Record<string, Entry> = {
      extract: ['SUCCESS'],
      check: ['SUCCESS', { chosen: ['ok'] }],
    };
    expect(next(s, { ...decided })).toEqual([
      { kind: 'start', task: 'ok', attempt: 1 },
      { kind: 'skip', task: 'alert' },
    ]);
    const failed: Record<string, Entry> = {
      extract: ['FAILURE'],
      check: ['SUCCESS', { chosen: ['alert'] }],
    };
    expect(next(s, { ...failed })).toEqual([
      { kind: 'skip', task: 'ok' },
      { kind: 'start', task: 'alert', attempt: 1 },
    ]);
    expect(next(s, { ...failed, ok: ['SKIPPED'], alert: ['RUNNING'] })).toEqual([
      { kind: 'skip', task: 'report' },
    ]);
  });

  it('ends SUCCESS when the failure went into the CONDITIONS task', () => {
    expect(
      next(s, {
        extract: ['FAILURE'],
        check: ['SUCCESS', { chosen: ['alert'] }],
        ok: ['SKIPPED'],
        alert: ['SUCCESS'],
        report: ['SKIPPED'],
      }),
    ).toEqual([{ kind: 'finish', state: 'SUCCESS' }]);
  });

  it('failureStrategy END does not end on a consumed failure', () => {
    const end = specOf(s.tasks, { failureStrategy: 'END' });
    expect(next(end, { extract: ['FAILURE'] })).toEqual([
      { kind: 'start', task: 'check', attempt: 1 },
    ]);
  });

  it('nested CONDITIONS: the inner one is skipped with its whole branch', () => {
    const nested = specOf([
      sh('a'),
      conditions('outer', ['a'], ['b'], ['c']),
      sh('b', ['outer']),
      sh('c', ['outer']),
      conditions('inner', ['c'], ['d'], ['e']),
      sh('d', ['inner']),
      sh('e', ['inner']),
    ]);
    const p: Record<string, Entry> = { a: ['SUCCESS'], outer: ['SUCCESS', { chosen: ['b'] }] };
    expect(next(nested, p)).toEqual([
      { kind: 'start', task: 'b', attempt: 1 },
      { kind: 'skip', task: 'c' },
    ]);
    expect(next(nested, { ...p, b: ['RUNNING'], c: ['SKIPPED'] })).toEqual([
      { kind: 'skip', task: 'inner' },
    ]);
    expect(next(nested, { ...p, b: ['RUNNING'], c: ['SKIPPED'], inner: ['SKIPPED'] })).toEqual([
      { kind: 'skip', task: 'd' },
      { kind: 'skip', task: 'e' },
    ]);
  });
});

describe('plan: SWITCH', () => {
  it('starts like any task: only after its dependencies succeeded', () => {
    const s = specOf([
      sh('a'),
      switchTask('route', ['a'], ['x', 'y']),
      sh('x', ['route']),
      sh('y', ['route']),
    ]);
    expect(next(s, { a: ['FAILURE'] })).toEqual([{ kind: 'finish', state: 'FAILURE' }]);
    expect(next(s, { a: ['SUCCESS'] })).toEqual([{ kind: 'start', task: 'route', attempt: 1 }]);
  });

  it('SWITCH after SWITCH: the second never runs when the first skipped it', () => {
    const s = specOf([
      switchTask('first', [], ['second', 'other']),
      switchTask('second', ['first'], ['p', 'q']),
      sh('other', ['first']),
      sh('p', ['second']),
      sh('q', ['second']),
    ]);
    const p: Record<string, Entry> = { first: ['SUCCESS', { chosen: ['other'] }] };
    expect(next(s, p)).toEqual([
      { kind: 'skip', task: 'second' },
      { kind: 'start', task: 'other', attempt: 1 },
    ]);
    expect(next(s, { ...p, second: ['SKIPPED'], other: ['SUCCESS'] })).toEqual([
      { kind: 'skip', task: 'p' },
      { kind: 'skip', task: 'q' },
    ]);
    const taken: Record<string, Entry> = {
      first: ['SUCCESS', { chosen: ['second'] }],
      second: ['SUCCESS', { chosen: ['q'] }],
      other: ['SKIPPED'],
    };
    expect(next(s, taken)).toEqual([
      { kind: 'skip', task: 'p' },
      { kind: 'start', task: 'q', attempt: 1 },
    ]);
  });

  it('a dependent that is not a branch target runs whatever the decision', () => {
    const s = specOf([switchTask('route', [], ['x']), sh('x', ['route']), sh('audit', ['route'])]);
    expect(next(s, { route: ['SUCCESS', { chosen: [] }] })).toEqual([
      { kind: 'skip', task: 'x' },
      { kind: 'start', task: 'audit', attempt: 1 },
    ]);
  });
});

describe('plan: joins after branches', () => {
  const s = specOf([
    switchTask('route', [], ['left', 'right']),
    sh('left', ['route']),
    sh('right', ['route']),
    sh('join', ['left', 'right']),
  ]);

  it('runs when one side succeeded and the other was skipped', () => {
    expect(
      next(s, {
        route: ['SUCCESS', { chosen: ['left'] }],
        left: ['SUCCESS'],
        right: ['SKIPPED'],
      }),
    ).toEqual([{ kind: 'start', task: 'join', attempt: 1 }]);
  });

  it('waits while the side taken still runs', () => {
    expect(
      next(s, {
        route: ['SUCCESS', { chosen: ['left'] }],
        left: ['RUNNING'],
        right: ['SKIPPED'],
      }),
    ).toEqual([]);
  });

  it('is skipped when every side was', () => {
    expect(
      next(s, {
        route: ['SUCCESS', { chosen: [] }],
        left: ['SKIPPED'],
        right: ['SKIPPED'],
      }),
    ).toEqual([{ kind: 'skip', task: 'join' }]);
  });

  it('does not run when the side taken failed, and the instance fails', () => {
    expect(
      next(s, {
        route: ['SUCCESS', { chosen: ['left'] }],
        left: ['FAILURE'],
        right: ['SKIPPED'],
      }),
    ).toEqual([{ kind: 'finish', state: 'FAILURE' }]);
  });

  it('ends SUCCESS with skipped tasks', () => {
    expect(
      next(s, {
        route: ['SUCCESS', { chosen: ['left'] }],
        left: ['SUCCESS'],
        right: ['SKIPPED'],
        join: ['SUCCESS'],
      }),
    ).toEqual([{ kind: 'finish', state: 'SUCCESS' }]);
  });
});
