import { describe, expect, it } from 'vitest';
import { parseWorkflowYaml } from '../../shared/domain/definition-parse.js';
import { instance, plainDefinition, run, T0, taskRow } from '../support/chaos-evidence.js';
import { checkBranches } from './check-branches.js';
import { definitionsYaml } from './definitions.js';
import type { ClosedRun } from './evidence.js';
import type { TaskRecord } from './history.js';

/**
 * The workload's own `branch` definition (definitions.ts), so the check is tested on the
 * branches the chaos run starts: route (SWITCH) -> left | middle | right (default), check
 * (CONDITIONS on coin) -> heads | tails, and join after them all.
 */
const spec = parseWorkflowYaml(
  definitionsYaml('/chaos-task.sh', '/record.log', '/fixed').find((y) =>
    y.startsWith('name: branch\n'),
  )!,
);
const definitions = [{ workflow: 'branch', version: 1, spec }];
const ID = '7';

const routeTo = (chosen: string, outcome: number | 'default') =>
  JSON.stringify({
    kind: 'SWITCH',
    chosen: [chosen],
    skipped: ['left', 'middle', 'right'].filter((t) => t !== chosen),
    outcome,
    inputs: { pick: '1' },
  });
const checkTo = (chosen: 'heads' | 'tails') =>
  JSON.stringify({
    kind: 'CONDITIONS',
    chosen: [chosen],
    skipped: [chosen === 'heads' ? 'tails' : 'heads'],
    outcome: chosen === 'heads',
    inputs: { coin: chosen === 'heads' ? 'SUCCESS' : 'FAILURE' },
  });

const row = (task: string, o: Partial<TaskRecord> = {}) => taskRow({ instanceId: ID, task, ...o });

/** A clean instance: pick drew 1 (middle), coin failed then succeeded (heads). */
function clean(): { rows: TaskRecord[]; runs: ClosedRun[] } {
  const rows = [
    row('pick'),
    row('coin', { state: 'FAILURE' }),
    row('coin', { attempt: 2 }),
    row('route', { type: 'SWITCH', decision: routeTo('middle', 1) }),
    row('check', { type: 'CONDITIONS', decision: checkTo('heads') }),
    row('left', { state: 'SKIPPED' }),
    row('middle'),
    row('right', { state: 'SKIPPED' }),
    row('heads'),
    row('tails', { state: 'SKIPPED' }),
    row('join'),
  ];
  const ran = (task: string, attempt = 1, start = T0) =>
    run({ instance: ID, workflow: 'branch', task, attempt, start });
  const runs = [
    ran('pick'),
    ran('coin'),
    ran('coin', 2, T0 + 2_000),
    ran('middle', 1, T0 + 3_000),
    ran('heads', 1, T0 + 4_000),
    ran('join', 1, T0 + 5_000),
  ];
  return { rows, runs };
}

const branchInstance = (state = 'SUCCESS') =>
  instance({ id: ID, workflow: 'branch', executionType: 'PARALLEL', state });

function check(rows: TaskRecord[], runs: ClosedRun[], state = 'SUCCESS'): string[] {
  const violations = checkBranches(runs, [branchInstance(state)], rows, definitions);
  expect(violations.every((v) => v.invariant === 'D1')).toBe(true);
  return violations.map((v) => v.message);
}

/** `rows` with the rows of `task` replaced. */
function replace(rows: TaskRecord[], task: string, ...by: TaskRecord[]): TaskRecord[] {
  return [...rows.filter((r) => r.task !== task), ...by];
}

const extraRun = (task: string) =>
  run({ instance: ID, workflow: 'branch', task, start: T0 + 9_000 });

describe('D1 a branch once decided is the branch', () => {
  it('passes an instance that ran the branches its decisions chose', () => {
    const { rows, runs } = clean();
    expect(check(rows, runs)).toEqual([]);
  });

  it('(a) fails when two exclusive branches both ran', () => {
    const { rows, runs } = clean();
    const messages = check(replace(rows, 'left'), [...runs, extraRun('left')]);
    expect(messages).toContainEqual(
      expect.stringContaining('route: exclusive branches [left] and [middle] both ran'),
    );
    expect(messages).toContainEqual(
      expect.stringContaining("left ran, but route's stored decision chose [middle]"),
    );
  });

  it('(a) fails when the one branch that ran is not the one the decision chose', () => {
    const { rows, runs } = clean();
    const flipped = row('check', { type: 'CONDITIONS', decision: checkTo('tails') });
    const messages = check(replace(rows, 'check', flipped), runs);
    expect(messages).toContainEqual(
      expect.stringContaining("heads ran, but check's stored decision chose [tails]"),
    );
  });

  it('(a) fails when a branch ran although nothing was decided', () => {
    const { rows, runs } = clean();
    const undecided = row('route', { type: 'SWITCH', state: 'FAILURE' });
    expect(check(replace(rows, 'route', undecided), runs, 'FAILURE')).toEqual([
      expect.stringContaining(
        'route has no stored decision, yet its branch target(s) [middle] ran',
      ),
    ]);
  });

  it('(b) fails when a task SKIPPED in MySQL has a run in the record', () => {
    const { rows, runs } = clean();
    const skippedJoin = replace(rows, 'join', row('join', { state: 'SKIPPED' }));
    expect(check(skippedJoin, runs)).toEqual([
      expect.stringContaining('join is SKIPPED in MySQL but ran: join#1 on worker-1'),
    ]);
  });

  it('(c) fails on a decided attempt without its decision, or one decided twice', () => {
    const { rows, runs } = clean();
    const bare = row('route', { type: 'SWITCH' });
    expect(check(replace(rows, 'route', bare), runs)).toContainEqual(
      expect.stringContaining('route#1 ended SUCCESS with no stored decision'),
    );
    const twice = [
      row('route', { type: 'SWITCH', state: 'FAILURE', decision: routeTo('left', 0) }),
      row('route', { type: 'SWITCH', attempt: 2, decision: routeTo('middle', 1) }),
    ];
    const messages = check(replace(rows, 'route', ...twice), runs);
    expect(messages).toContainEqual(
      expect.stringContaining('route#1 is FAILURE but has a stored decision'),
    );
    expect(messages).toContainEqual(
      expect.stringContaining('route was decided 2 times (attempts 1, 2)'),
    );
  });

  it('(c) fails when what was chosen did not run, or was SKIPPED', () => {
    const { rows, runs } = clean();
    const withoutMiddle = runs.filter((r) => r.task !== 'middle');
    expect(check(rows, withoutMiddle)).toEqual([
      expect.stringContaining('middle, chosen by route, has no run in the record'),
    ]);
    // An instance that did not succeed need not have run its chosen branch (stopped, say).
    expect(check(rows, withoutMiddle, 'STOP')).toEqual([]);
    const skipped = replace(rows, 'middle', row('middle', { state: 'SKIPPED' }));
    expect(check(skipped, withoutMiddle, 'FAILURE')).toEqual([
      expect.stringContaining("middle is SKIPPED though route's stored decision chose it"),
    ]);
  });

  it('(c) fails on a stored decision that is malformed or chooses no single branch', () => {
    const { rows, runs } = clean();
    const withRoute = (decision: string) =>
      check(replace(rows, 'route', row('route', { type: 'SWITCH', decision })), runs);
    expect(withRoute('{"kind":')).toEqual([
      expect.stringContaining('route#1 has a stored decision that does not parse'),
    ]);
    expect(withRoute(routeTo('middle', 1).replace('SWITCH', 'CONDITIONS'))).toEqual([
      expect.stringContaining('route is a SWITCH but stored a CONDITIONS decision'),
    ]);
    const both = JSON.stringify({
      kind: 'SWITCH',
      chosen: ['middle', 'right'],
      skipped: ['left'],
      outcome: 1,
      inputs: {},
    });
    expect(withRoute(both)).toContainEqual(
      expect.stringContaining('route chose [middle, right], not one of its branches'),
    );
    const lost = JSON.stringify({
      kind: 'SWITCH',
      chosen: ['middle'],
      skipped: ['left'],
      outcome: 1,
      inputs: {},
    });
    expect(withRoute(lost)).toEqual([
      expect.stringContaining('route chose [middle] but skipped [left], not [left, right]'),
    ]);
  });

  it('does not judge instances of definitions without CONDITIONS or SWITCH tasks', () => {
    const other = instance({ id: '8', executionType: 'PARALLEL' });
    const rows = [taskRow({ instanceId: '8', task: 'a', state: 'SKIPPED' })];
    const runs = [run({ instance: '8', start: T0 })];
    expect(checkBranches(runs, [other], rows, [...definitions, plainDefinition()])).toEqual([]);
  });

  it('fails on an instance whose definition version was not read (it could not be judged)', () => {
    const { rows, runs } = clean();
    const violations = checkBranches(runs, [branchInstance()], rows, []);
    expect(violations.map((v) => v.invariant)).toEqual(['D1']);
    expect(violations[0]?.message).toContain('its definition branch@1 was not read');
  });
});
