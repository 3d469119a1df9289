import { describe, expect, it } from 'vitest';
import type { TaskDefinition } from '../../../shared/domain/workflow-spec.js';
import { report, settle, spec, start, task } from './testing/run-fixtures.js';

const conditions = (extra: Partial<TaskDefinition> = {}): TaskDefinition =>
  task('check', {
    type: 'CONDITIONS',
    command: '',
    dependsOn: ['extract'],
    condition: { relation: 'all', items: [{ task: 'extract', state: 'SUCCESS' }] },
    onTrue: ['ok'],
    onFalse: ['alert'],
    ...extra,
  });

const route = (extra: Partial<TaskDefinition> = {}): TaskDefinition =>
  task('route', {
    type: 'SWITCH',
    command: '',
    dependsOn: ['extract'],
    switchCases: [
      { when: '${rows} > 1000', next: 'big' },
      { when: '"${region}" == "eu"', next: 'eu' },
    ],
    switchDefault: 'small',
    ...extra,
  });

const branching = spec([
  task('extract', { outputs: ['rows'] }),
  conditions(),
  task('ok', { dependsOn: ['check'] }),
  task('alert', { dependsOn: ['check'] }),
]);

const routing = (extra: Partial<TaskDefinition> = {}) =>
  spec([
    task('extract', { outputs: ['rows'] }),
    route(extra),
    task('big', { dependsOn: ['route'], command: 'echo big ${rows}' }),
    task('eu', { dependsOn: ['route'] }),
    task('small', { dependsOn: ['route'] }),
  ]);

/** The instance's params (the definition's overlaid with the start's, as recorded). */
const inEu = { row: { params: JSON.stringify({ region: 'eu' }) } };

describe('InstanceRun: CONDITIONS', () => {
  it('decides in the master, stores the decision with SUCCESS, runs one branch, skips the other', async () => {
    const { run, f } = start(branching);
    await settle(run);
    await report(run, f, 'extract', 'SUCCESS');
    expect(f.store.task('check')).toMatchObject({
      state: 'SUCCESS',
      worker: null,
      decision: { kind: 'CONDITIONS', outcome: true, chosen: ['ok'], skipped: ['alert'] },
    });
    expect(f.store.task('check')!.decision!.inputs).toEqual({ extract: 'SUCCESS' });
    expect(f.store.task('alert')?.state).toBe('SKIPPED');
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['extract', 'ok']);
    await report(run, f, 'ok', 'SUCCESS');
    expect(f.store.state).toBe('SUCCESS');
  });

  it('a failure it consumes takes the other branch, and the instance still succeeds', async () => {
    const { run, f } = start(branching);
    await settle(run);
    await report(run, f, 'extract', 'FAILURE');
    expect(f.store.task('check')!.decision).toMatchObject({ outcome: false, chosen: ['alert'] });
    expect(f.store.task('ok')?.state).toBe('SKIPPED');
    await report(run, f, 'alert', 'SUCCESS');
    expect(f.store.state).toBe('SUCCESS');
  });

  it('D1: an adopted instance reads the stored decision and never evaluates again', async () => {
    // The stored decision says "alert" although extract succeeded: a new evaluation would say
    // "ok". Adoption must follow what was committed.
    const { run, f } = start(branching, {
      state: 'RUNNING',
      left: [
        { def: branching.tasks[0]!, id: '50', state: 'SUCCESS' },
        {
          def: branching.tasks[1]!,
          id: '51',
          state: 'SUCCESS',
          decision: {
            kind: 'CONDITIONS',
            chosen: ['alert'],
            skipped: ['ok'],
            outcome: false,
            inputs: { extract: 'FAILURE' },
          },
        },
      ],
    });
    await settle(run);
    expect(f.store.writes).not.toContain('task:check#2:->SUBMITTED');
    expect(f.store.task('ok')?.state).toBe('SKIPPED');
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['alert']);
  });

  it('D1: an attempt left SUBMITTED (its owner died before the commit) is decided now', async () => {
    const { run, f } = start(branching, {
      state: 'RUNNING',
      left: [
        { def: branching.tasks[0]!, id: '50', state: 'SUCCESS' },
        { def: branching.tasks[1]!, id: '51', state: 'SUBMITTED' },
      ],
    });
    await settle(run);
    expect(f.store.task('check')).toMatchObject({ id: '51', state: 'SUCCESS' });
    expect(f.store.task('check')!.decision!.chosen).toEqual(['ok']);
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['ok']);
  });
});

describe('InstanceRun: SWITCH and parameter passing', () => {
  it('routes on an upstream output and passes it to the branch taken', async () => {
    const { run, f } = start(routing(), inEu);
    await settle(run);
    await report(run, f, 'extract', 'SUCCESS', 1, { rows: '1001' });
    expect(f.store.task('route')!.decision).toMatchObject({
      kind: 'SWITCH',
      outcome: 0,
      chosen: ['big'],
      skipped: ['eu', 'small'],
      inputs: { rows: '1001' },
    });
    const big = f.workers.runs.find((r) => r.task_name === 'big');
    expect(big?.command).toBe('echo big 1001');
    expect(big?.params).toMatchObject({ rows: '1001', region: 'eu' });
    expect(['eu', 'small'].map((t) => f.store.task(t)?.state)).toEqual(['SKIPPED', 'SKIPPED']);
  });

  it('takes the first case that holds, in order', async () => {
    const { run, f } = start(routing(), inEu);
    await settle(run);
    await report(run, f, 'extract', 'SUCCESS', 1, { rows: '42' });
    expect(f.store.task('route')!.decision).toMatchObject({ outcome: 1, chosen: ['eu'] });
  });

  it('no case holds and no default: the SWITCH fails naming the values', async () => {
    const { run, f } = start(
      routing({ switchDefault: null, switchCases: [{ when: '${rows} > 1000', next: 'big' }] }),
      inEu,
    );
    await settle(run);
    await report(run, f, 'extract', 'SUCCESS', 1, { rows: '42' });
    expect(f.store.task('route')?.state).toBe('FAILURE');
    expect(f.store.task('route')?.reason).toMatch(
      /no case holds \(rows=42\) and there is no default/,
    );
    expect(f.store.state).toBe('FAILURE');
  });

  it('task-local params reference the others and win over them', async () => {
    const s = spec([
      task('extract', {
        params: { table: 'sales_${region}', region: 'us' },
        command: 'load ${table} ${region}',
      }),
    ]);
    const { run, f } = start(s, inEu);
    await settle(run);
    expect(f.workers.runs[0]!.command).toBe('load sales_eu us');
  });

  it('the nearest upstream output wins over a farther one', async () => {
    const s = spec([
      task('far', { outputs: ['v'] }),
      task('near', { dependsOn: ['far'], outputs: ['v'] }),
      task('use', { dependsOn: ['near'], command: 'echo ${v}' }),
    ]);
    const { run, f } = start(s);
    await settle(run);
    await report(run, f, 'far', 'SUCCESS', 1, { v: 'far' });
    await report(run, f, 'near', 'SUCCESS', 1, { v: 'near' });
    expect(f.workers.runs.find((r) => r.task_name === 'use')?.command).toBe('echo near');
  });
});
