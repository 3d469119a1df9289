/**
 * Start from tasks (issue 14) end to end through the CLI: `baton start NAME --from/--only/--to
 * TASK` runs the chosen tasks (the others end SKIPPED without running, their dependents treat
 * them as satisfied), and `baton recover ID --from TASK` runs a task that succeeded, and what
 * follows it, again in place.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../shared/errors.js';
import { cliFor, type CliRun } from './support/cli-runner.js';
import { startTestCluster, waitForEnd, type TestCluster } from './support/test-cluster.js';

describe('start from tasks through the CLI', () => {
  let t: TestCluster;
  let cli: (...args: string[]) => Promise<CliRun>;
  let record: string;
  const runs = (): string[] =>
    existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean) : [];

  beforeAll(async () => {
    t = await startTestCluster('start-from', { layout: { masters: 1, workers: 1 } });
    cli = cliFor(t);
    record = join(t.dir, 'record.txt');
    const step = (task: string, more = '') => `echo ${task}${more} >> ${record}`;
    await t.api.ApplyWorkflow({
      yaml: [
        'name: sf-child',
        'tasks:',
        `  - { name: c1, type: SHELL, command: '${step('c1')}' }`,
      ].join('\n'),
    });
    await t.api.ApplyWorkflow({
      yaml: [
        'name: sf',
        'tasks:',
        `  - { name: a, type: SHELL, command: '${step('a')}' }`,
        '  - { name: b, type: SUB_WORKFLOW, workflow: sf-child, dependsOn: [a] }',
        `  - { name: c, type: SHELL, command: '${step('c', ' ${system.instance.id}')}', dependsOn: [b] }`,
      ].join('\n'),
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function startWith(...flags: string[]) {
    const before = runs().length;
    const run = await cli('start', 'sf', '--json', ...flags);
    expect(run.stderr).toBe('');
    const { id } = JSON.parse(run.stdout) as { id: string };
    const done = await waitForEnd(t.api, id);
    return {
      done,
      ran: runs()
        .slice(before)
        .map((l) => l.split(' ')[0]),
      states: done.tasks.map((x) => [x.name, x.state]).sort(([x], [y]) => x!.localeCompare(y!)),
    };
  }

  it('--from runs the task and everything downstream', async () => {
    const { done, ran, states } = await startWith('--from', 'b');
    expect(done.state).toBe('SUCCESS');
    expect(ran).toEqual(['c1', 'c']);
    expect(states).toEqual([
      ['a', 'SKIPPED'],
      ['b', 'SUCCESS'],
      ['c', 'SUCCESS'],
    ]);
  });

  it('--only runs just the task', async () => {
    const { done, ran, states } = await startWith('--only', 'c');
    expect(done.state).toBe('SUCCESS');
    expect(ran).toEqual(['c']);
    expect(states).toEqual([
      ['a', 'SKIPPED'],
      ['b', 'SKIPPED'],
      ['c', 'SUCCESS'],
    ]);
  });

  it('--to runs the task and everything upstream; repeatable', async () => {
    const { done, ran, states } = await startWith('--to', 'a', '--to', 'b');
    expect(done.state).toBe('SUCCESS');
    expect(ran).toEqual(['a', 'c1']);
    expect(states).toEqual([
      ['a', 'SUCCESS'],
      ['b', 'SUCCESS'],
      ['c', 'SKIPPED'],
    ]);
  });

  it('refuses a task the workflow does not have (NOT_FOUND), recording nothing', async () => {
    const count = async () =>
      (await t.db.selectFrom('workflow_instances').select('id').execute()).length;
    const before = await count();
    await expect(
      t.api.StartInstance({ workflow: 'sf', start_tasks: ['nope'], scope: 'FROM' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const cliRun = await cli('start', 'sf', '--from', 'nope');
    expect(cliRun.code).not.toBe(0);
    expect(cliRun.stderr).toMatch(/no task "nope"/);
    expect(await count()).toBe(before);
  });

  it('recover --from runs a task that succeeded, and what follows it, again in place', async () => {
    const record2 = join(t.dir, 'rf.txt');
    const flag = join(t.dir, 'rf.fixed');
    await t.api.ApplyWorkflow({
      yaml: [
        'name: rf',
        'tasks:',
        `  - { name: a, type: SHELL, command: 'echo a >> ${record2}' }`,
        `  - { name: b, type: SHELL, command: 'echo b >> ${record2}', dependsOn: [a] }`,
        `  - { name: c, type: SHELL, command: 'echo c >> ${record2}; test -f ${flag}', dependsOn: [b] }`,
      ].join('\n'),
    });
    const { id } = await t.api.StartInstance({ workflow: 'rf' });
    expect((await waitForEnd(t.api, id)).state).toBe('FAILURE');
    writeFileSync(flag, '');
    const run = await cli('recover', id, '--from', 'b', '--wait');
    expect(run.code).toBe(0);
    expect(readFileSync(record2, 'utf8').split('\n').filter(Boolean)).toEqual([
      'a',
      'b',
      'c',
      'b',
      'c',
    ]);
  });
});
