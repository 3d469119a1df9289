/**
 * Repairing runs (issue 14) end to end through the CLI: recover a failed instance in place
 * (its first task ran once, the rest once more; a failed child recovered in place; retries
 * fresh), force success then recover, and the refusals (NOT_FOUND, FAILED_PRECONDITION, nothing
 * written). Every service is its own process, with real etcd and MariaDB.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailedPreconditionError, NotFoundError } from '../shared/errors.js';
import { cliFor, type CliRun } from './support/cli-runner.js';
import { startTestCluster, waitForEnd, type TestCluster } from './support/test-cluster.js';
import { runsOf } from './support/line-counts.js';

/** A shell task that appends its name to `file`, then runs `body`. */
const recorded = (file: string, task: string, body = 'true') => `echo ${task} >> ${file}; ${body}`;

describe('repairing runs (recover, force success) through the CLI', () => {
  let t: TestCluster;
  let cli: (...args: string[]) => Promise<CliRun>;

  beforeAll(async () => {
    t = await startTestCluster('repair-runs', { layout: { masters: 2, workers: 1 } });
    cli = cliFor(t);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** Applies `<name>-child` (c1, then c2 failing until `flag` exists) and `<name>`: a, b, c. */
  async function applyDag(name: string, childFails: boolean, middleRetries = 0) {
    const record = join(t.dir, `${name}.txt`);
    const flag = join(t.dir, `${name}.fixed`);
    const check = `test -f ${flag}`;
    await t.api.ApplyWorkflow({
      yaml: [
        `name: ${name}-child`,
        'tasks:',
        `  - { name: c1, type: SHELL, command: '${recorded(record, 'c1')}' }`,
        `  - { name: c2, type: SHELL, command: '${recorded(record, 'c2', childFails ? check : 'true')}', dependsOn: [c1] }`,
      ].join('\n'),
    });
    await t.api.ApplyWorkflow({
      yaml: [
        `name: ${name}`,
        'tasks:',
        `  - { name: a, type: SHELL, command: '${recorded(record, 'a')}' }`,
        childFails
          ? `  - { name: b, type: SUB_WORKFLOW, workflow: ${name}-child, dependsOn: [a] }`
          : `  - { name: b, type: SHELL, command: '${recorded(record, 'b', check)}', dependsOn: [a], retries: ${middleRetries} }`,
        `  - { name: c, type: SHELL, command: '${recorded(record, 'c')}', dependsOn: [b] }`,
      ].join('\n'),
    });
    const started = await t.api.StartInstance({ workflow: name });
    const failed = await waitForEnd(t.api, started.id);
    expect(failed.state).toBe('FAILURE');
    return { id: started.id, record, fix: () => writeFileSync(flag, '') };
  }

  it('recovers a failing middle task after its cause is fixed: a ran once, the rest once more', async () => {
    const { id, record, fix } = await applyDag('mid', false, 1);
    expect(runsOf(record)).toEqual({ a: 1, b: 2 });
    // Recovered unfixed, b has its retry again (DolphinScheduler #18540): two more attempts.
    const again = await cli('recover', id, '--wait');
    expect(again.code).not.toBe(0);
    expect((await t.api.GetInstance({ id })).state).toBe('FAILURE');
    expect(runsOf(record)).toEqual({ a: 1, b: 4 });
    fix();
    const run = await cli('recover', id, '--wait');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(runsOf(record)).toEqual({ a: 1, b: 5, c: 1 });
    const done = await t.api.GetInstance({ id });
    expect(done.state).toBe('SUCCESS');
    const b = done.tasks.filter((x) => x.name === 'b').map((x) => [x.attempt, x.state]);
    expect(b).toEqual([
      [1, 'FAILURE'],
      [2, 'FAILURE'],
      [3, 'FAILURE'],
      [4, 'FAILURE'],
      [5, 'SUCCESS'],
    ]);
    const history = await t.api.GetInstanceHistory({ id });
    const moves = history.changes
      .filter((c) => c.task === '' && c.from_state !== c.to_state)
      .map((c) => `${c.from_state}->${c.to_state}`);
    // Started, then recovered twice: each recover is FAILURE -> SUBMITTED, claimed anew.
    expect(moves.filter((m) => m === 'FAILURE->SUBMITTED')).toHaveLength(2);
    expect(moves.at(-1)).toBe('RUNNING->SUCCESS');
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'target'])
      .where('action', '=', 'recover')
      .where('target', '=', id)
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('recovers a failed child in place: one child, its successful task ran once', async () => {
    const { id, record, fix } = await applyDag('sub', true);
    expect(runsOf(record)).toEqual({ a: 1, c1: 1, c2: 1 });
    const childId = (await t.api.GetInstance({ id })).tasks.find((x) => x.name === 'b')?.child_id;
    fix();
    const run = await cli('recover', id, '--wait');
    expect(run.code).toBe(0);
    expect(runsOf(record)).toEqual({ a: 1, c1: 1, c2: 2, c: 1 });
    const done = await t.api.GetInstance({ id });
    const bs = done.tasks.filter((x) => x.name === 'b');
    expect(bs.map((x) => [x.attempt, x.state, x.child_id])).toEqual([
      [1, 'FAILURE', childId],
      [2, 'SUCCESS', childId],
    ]);
    const children = await t.db
      .selectFrom('workflow_instances')
      .select(['id', 'state'])
      .where('parent_instance_id', '=', id)
      .execute();
    expect(children).toEqual([{ id: childId, state: 'SUCCESS' }]);
  });

  it('force-success then recover runs what follows the forced task, not the task', async () => {
    const { id, record } = await applyDag('forced', false);
    const forced = await cli('force-success', id, 'b', '--json');
    expect(forced.code).toBe(0);
    const after = JSON.parse(forced.stdout) as { state: string; tasks: { state: string }[] };
    expect(after.state).toBe('FAILURE');
    expect(after.tasks.map((x) => x.state)).toEqual(['SUCCESS', 'FORCED_SUCCESS']);
    expect((await cli('force-success', id, 'b')).code).toBe(0);
    expect((await cli('recover', id, '--wait')).code).toBe(0);
    expect(runsOf(record)).toEqual({ a: 1, b: 1, c: 1 });
    const history = await t.api.GetInstanceHistory({ id });
    expect(history.changes.some((c) => c.task === 'b' && c.to_state === 'FORCED_SUCCESS')).toBe(
      true,
    );
  });

  it('refuses unknown ids and tasks (NOT_FOUND) and wrong states (FAILED_PRECONDITION), writing nothing', async () => {
    const { id } = await applyDag('bad', false);
    const auditBefore = await t.db.selectFrom('audit_events').select('id').execute();
    const unknown = await cli('recover', '999999');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/not found|does not exist/i);
    const noTask = await cli('force-success', id, 'nope');
    expect(noTask.stderr).toMatch(/no attempt of task nope/);
    const succeeded = await cli('force-success', id, 'a');
    expect(succeeded.stderr).toMatch(/task a is SUCCESS/);
    await expect(t.api.RecoverInstance({ id: '999999' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.api.ForceTaskSuccess({ id, task: 'a' })).rejects.toBeInstanceOf(
      FailedPreconditionError,
    );
    const running = await t.api.StartInstance({ workflow: 'bad-child' });
    const done = await waitForEnd(t.api, running.id);
    await expect(t.api.RecoverInstance({ id: done.id })).rejects.toThrow(
      new FailedPreconditionError(
        `instance ${done.id} is SUCCESS; only a FAILURE instance can be recovered`,
      ),
    );
    expect(await t.db.selectFrom('audit_events').select('id').execute()).toHaveLength(
      auditBefore.length + 1, // the start above
    );
    expect((await t.api.GetInstance({ id })).state).toBe('FAILURE');
  });
});
