/**
 * Pause and resume (issue 14) end to end through the CLI, on a 3-task DAG with a sub-workflow:
 * a paused instance lets its running task (or child) finish, starts nothing, goes PAUSE (its
 * child too) and resumes to SUCCESS with every task run once; a stopped one resumes in place
 * with the killed task run again. Every service is its own process, real etcd and MariaDB.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailedPreconditionError, NotFoundError } from '../shared/errors.js';
import { cliFor, type CliRun } from './support/cli-runner.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';
import { runsOf } from './support/line-counts.js';

describe('pause and resume through the CLI', () => {
  let t: TestCluster;
  let cli: (...args: string[]) => Promise<CliRun>;

  beforeAll(async () => {
    t = await startTestCluster('pause-resume', { layout: { masters: 2, workers: 1 } });
    cli = cliFor(t);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** `<name>`: a (slow), b (child: c1 slow, c2), c. Returns the record file. */
  /** With `gate`, task a runs until that file exists (a stop cannot come too late for it). */
  async function apply(name: string, gate?: string): Promise<string> {
    const record = join(t.dir, `${name}.txt`);
    const step = (task: string, slow: boolean) =>
      `echo ${task} >> ${record}${slow ? '; sleep 2' : ''}`;
    const first =
      gate === undefined
        ? step('a', true)
        : `echo a >> ${record}; while [ ! -e ${gate} ]; do sleep 0.1; done`;
    await t.api.ApplyWorkflow({
      yaml: [
        `name: ${name}-child`,
        'tasks:',
        `  - { name: c1, type: SHELL, command: '${step('c1', true)}' }`,
        `  - { name: c2, type: SHELL, command: '${step('c2', false)}', dependsOn: [c1] }`,
      ].join('\n'),
    });
    await t.api.ApplyWorkflow({
      yaml: [
        `name: ${name}`,
        'tasks:',
        `  - { name: a, type: SHELL, command: '${first}' }`,
        `  - { name: b, type: SUB_WORKFLOW, workflow: ${name}-child, dependsOn: [a] }`,
        `  - { name: c, type: SHELL, command: '${step('c', false)}', dependsOn: [b] }`,
      ].join('\n'),
    });
    return record;
  }

  const taskState = (i: { tasks: { name: string; state: string }[] }, name: string) =>
    i.tasks.filter((x) => x.name === name).at(-1)?.state;

  it('pauses mid-run: the running task finishes, the next does not start; resume to SUCCESS', async () => {
    const gate = join(t.dir, 'p1.gate');
    const record = await apply('p1', gate);
    const { id } = await t.api.StartInstance({ workflow: 'p1' });
    await waitForInstance(t.api, id, (i) => taskState(i, 'a') === 'RUNNING');
    const paused = await cli('pause', id);
    expect(paused.code).toBe(0);
    // a runs on (it is not killed) while the instance is READY_PAUSE; once it ends: PAUSE.
    await waitForInstance(t.api, id, (i) => i.state === 'READY_PAUSE');
    writeFileSync(gate, '');
    const settled = await waitForInstance(t.api, id, (i) => i.state === 'PAUSE');
    expect(settled.tasks.map((x) => [x.name, x.state])).toEqual([['a', 'SUCCESS']]);
    // Pausing a paused instance answers its state.
    expect((await cli('pause', id)).stdout).toMatch(/state PAUSE/);
    expect(runsOf(record)).toEqual({ a: 1 });
    const resumed = await cli('resume', id, '--wait');
    expect(resumed.code).toBe(0);
    expect(runsOf(record)).toEqual({ a: 1, c1: 1, c2: 1, c: 1 });
    const history = await t.api.GetInstanceHistory({ id });
    const moves = history.changes
      .filter((c) => c.task === '' && c.from_state !== c.to_state)
      .map((c) => c.to_state);
    expect(moves).toEqual(['SUBMITTED', 'RUNNING', 'READY_PAUSE', 'PAUSE', 'RUNNING', 'SUCCESS']);
  });

  it('pauses the child with its parent; both resume and the child task ran once', async () => {
    const record = await apply('p2');
    const { id } = await t.api.StartInstance({ workflow: 'p2' });
    const running = await waitForInstance(t.api, id, (i) => taskState(i, 'b') === 'RUNNING');
    const childId = running.tasks.find((x) => x.name === 'b')?.child_id ?? '';
    await waitForInstance(t.api, childId, (i) => taskState(i, 'c1') === 'RUNNING');
    expect((await cli('pause', id)).code).toBe(0);
    await waitForInstance(t.api, id, (i) => i.state === 'PAUSE');
    const child = await t.api.GetInstance({ id: childId });
    expect(child.state).toBe('PAUSE');
    expect(child.tasks.map((x) => [x.name, x.state])).toEqual([['c1', 'SUCCESS']]);
    expect((await cli('resume', id, '--wait')).code).toBe(0);
    expect((await t.api.GetInstance({ id: childId })).state).toBe('SUCCESS');
    expect(runsOf(record)).toEqual({ a: 1, c1: 1, c2: 1, c: 1 });
  });

  it('stop then resume: the killed task runs again as a new attempt, in place', async () => {
    const gate = join(t.dir, 'p3.gate');
    const record = await apply('p3', gate);
    const { id } = await t.api.StartInstance({ workflow: 'p3' });
    await waitForInstance(t.api, id, (i) => taskState(i, 'a') === 'RUNNING');
    expect((await cli('stop', id, '--wait')).code).toBe(0);
    writeFileSync(gate, '');
    expect((await cli('resume', id, '--wait')).code).toBe(0);
    const done = await t.api.GetInstance({ id });
    expect(done.tasks.map((x) => [x.name, x.attempt, x.state])).toEqual([
      ['a', 1, 'KILL'],
      ['a', 2, 'SUCCESS'],
      ['b', 1, 'SUCCESS'],
      ['c', 1, 'SUCCESS'],
    ]);
    expect(runsOf(record)).toEqual({ a: 2, c1: 1, c2: 1, c: 1 });
  });

  it('refuses wrong states and unknown ids, writing nothing; audits each control', async () => {
    await apply('p4');
    const { id } = await t.api.StartInstance({ workflow: 'p4' });
    await waitForEnd(t.api, id);
    const before = await t.db.selectFrom('audit_events').select('id').execute();
    await expect(t.api.PauseInstance({ id })).rejects.toThrow(
      new FailedPreconditionError(
        `instance ${id} is SUCCESS; only a RUNNING instance can be paused`,
      ),
    );
    await expect(t.api.ResumeInstance({ id })).rejects.toBeInstanceOf(FailedPreconditionError);
    await expect(t.api.ResumeInstance({ id: '999999' })).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.db.selectFrom('audit_events').select('id').execute()).toHaveLength(
      before.length,
    );
    const audited = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', ['pause', 'resume'])
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(5);
  });
});
