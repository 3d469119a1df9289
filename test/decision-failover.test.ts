import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Instance__Output } from '../shared/proto/gen/baton/v1/Instance.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

/**
 * D1, a branch once decided is the branch: the owning master is killed right before and right
 * after a CONDITIONS decision is committed, and right after a task's outputs are stored but
 * before its consumer starts. The master that adopts the instance decides only what was not
 * committed, never again what was, and the consumer gets the stored outputs. Which branch ran
 * is read from a file the tasks append to, outside Baton.
 */
describe('decisions and outputs across master failover (D1)', () => {
  let t: TestCluster | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  const branching = (name: string, record: string) =>
    [
      `name: ${name}`,
      'tasks:',
      // Single quotes in the shell: \${...} is not a shell expansion (as DolphinScheduler writes it).
      `  - { name: extract, type: SHELL, outputs: [rows], command: "echo '\${setValue(rows=7)}'" }`,
      '  - name: check',
      '    type: CONDITIONS',
      '    dependsOn: [extract]',
      '    condition: { all: [ { task: extract, state: SUCCESS } ] }',
      '    onTrue: [ok]',
      '    onFalse: [alert]',
      `  - { name: ok, type: SHELL, dependsOn: [check], command: 'echo ok-\${rows} >> ${record}' }`,
      `  - { name: alert, type: SHELL, dependsOn: [check], command: 'echo alert >> ${record}' }`,
      '',
    ].join('\n');

  async function setUp(label: string): Promise<{ t: TestCluster; record: string }> {
    t = await startTestCluster(label, { layout: { masters: 2, workers: 1 } });
    return { t, record: join(t.dir, 'branches.txt') };
  }

  const task = (i: Instance__Output, name: string) => i.tasks.filter((x) => x.name === name);

  function killOwner(t: TestCluster, i: Instance__Output): void {
    process.kill(t.cluster.get(i.owner).pid, 'SIGKILL');
  }

  async function checkChanges(t: TestCluster, id: string) {
    return t.db
      .selectFrom('state_changes')
      .select(['attempt', 'from_state', 'to_state'])
      .where('instance_id', '=', id)
      .where('task', '=', 'check')
      .orderBy('id')
      .execute();
  }

  it('killed right before the decision commit: the new owner decides, once, and one branch runs', async () => {
    const { t, record } = await setUp('d1-before');
    await t.api.ApplyWorkflow({ yaml: branching('d1-before', record) });
    t.setRacePoints({ 'master.decision.before-commit': { scope: 'd1-before', ms: 120_000 } });
    const { id } = await t.api.StartInstance({ workflow: 'd1-before' });
    const held = await waitForInstance(
      t.api,
      id,
      (i) => task(i, 'check')[0]?.state === 'SUBMITTED',
    );
    killOwner(t, held);
    t.setRacePoints({});
    const done = await waitForEnd(t.api, id, 60_000);
    expect(done.state).toBe('SUCCESS');
    expect(task(done, 'check').map((x) => [x.attempt, x.state])).toEqual([[1, 'SUCCESS']]);
    expect(task(done, 'alert').map((x) => x.state)).toEqual(['SKIPPED']);
    expect(readFileSync(record, 'utf8')).toBe('ok-7\n');
  });

  it('killed right after the decision commit: the new owner reads it and never decides again', async () => {
    const { t, record } = await setUp('d1-after');
    await t.api.ApplyWorkflow({ yaml: branching('d1-after', record) });
    t.setRacePoints({ 'master.decision.after-commit': { scope: 'd1-after', ms: 120_000 } });
    const { id } = await t.api.StartInstance({ workflow: 'd1-after' });
    const held = await waitForInstance(t.api, id, (i) => task(i, 'check')[0]?.state === 'SUCCESS');
    const decided = task(held, 'check')[0]!.decision;
    expect(task(held, 'ok').concat(task(held, 'alert')), 'no branch task before the kill').toEqual(
      [],
    );
    killOwner(t, held);
    t.setRacePoints({});
    const done = await waitForEnd(t.api, id, 60_000);
    expect(done.state).toBe('SUCCESS');
    expect(task(done, 'check')[0]!.decision).toBe(decided);
    expect((await checkChanges(t, id)).filter((c) => c.to_state === 'SUCCESS')).toHaveLength(1);
    expect(readFileSync(record, 'utf8')).toBe('ok-7\n');
  });

  it("outputs survive a master kill between the producer's end and the consumer's start", async () => {
    const { t, record } = await setUp('d1-outputs');
    await t.api.ApplyWorkflow({ yaml: branching('d1-outputs', record) });
    t.setRacePoints({ 'master.report.before-advance': { scope: 'd1-outputs', ms: 120_000 } });
    const { id } = await t.api.StartInstance({ workflow: 'd1-outputs' });
    const held = await waitForInstance(
      t.api,
      id,
      (i) => task(i, 'extract')[0]?.state === 'SUCCESS',
    );
    expect(task(held, 'extract')[0]!.outputs).toEqual({ rows: '7' });
    expect(task(held, 'check')).toEqual([]);
    killOwner(t, held);
    t.setRacePoints({});
    const done = await waitForEnd(t.api, id, 60_000);
    expect(done.state).toBe('SUCCESS');
    expect(readFileSync(record, 'utf8')).toBe('ok-7\n');
  });
});
