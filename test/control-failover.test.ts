/**
 * C1, controls once: the owning master is killed right before and right after a pause is
 * committed, and between a child's recover and its re-attachment to the recovered parent
 * task. The master that adopts the instance carries the control out, once: the running task
 * finishes and nothing else starts, the paused instance resumes with every task run once, the
 * child is recovered once (its round) and re-attached. What ran is read from a file the tasks
 * append to, outside Baton.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Instance__Output } from '../shared/proto/gen/baton/v1/Instance.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';
import { runsOf } from './support/line-counts.js';

describe('controls across master failover (C1)', () => {
  let t: TestCluster | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  const last = (i: Instance__Output, name: string) => i.tasks.filter((x) => x.name === name).at(-1);

  async function setUp(name: string, childFails: boolean) {
    t = await startTestCluster(name, { layout: { masters: 2, workers: 1 } });
    const record = join(t.dir, 'record.txt');
    const flag = join(t.dir, 'fixed');
    const step = (task: string, more = '') => `echo ${task} >> ${record}${more}`;
    await t.api.ApplyWorkflow({
      yaml: [
        `name: ${name}-child`,
        'tasks:',
        `  - { name: c1, type: SHELL, command: '${step('c1')}' }`,
        `  - { name: c2, type: SHELL, command: '${step('c2', childFails ? `; test -f ${flag}` : '')}', dependsOn: [c1] }`,
      ].join('\n'),
    });
    await t.api.ApplyWorkflow({
      yaml: [
        `name: ${name}`,
        'tasks:',
        `  - { name: a, type: SHELL, command: '${step('a', '; sleep 3')}' }`,
        `  - { name: b, type: SUB_WORKFLOW, workflow: ${name}-child, dependsOn: [a] }`,
        `  - { name: c, type: SHELL, command: '${step('c')}', dependsOn: [b] }`,
      ].join('\n'),
    });
    return { t, record, fix: () => writeFileSync(flag, '') };
  }

  for (const point of ['master.pause.before-commit', 'master.pause.after-commit']) {
    it(`pause, owner killed at ${point}: the survivor pauses once, then resumes`, async () => {
      const name = point.endsWith('before-commit') ? 'pause-before' : 'pause-after';
      const { t, record } = await setUp(name, false);
      t.setRacePoints({ [point]: { scope: name, ms: 120_000 } });
      const { id } = await t.api.StartInstance({ workflow: name });
      const running = await waitForInstance(t.api, id, (i) => last(i, 'a')?.state === 'RUNNING');
      await t.api.PauseInstance({ id });
      if (point.endsWith('after-commit'))
        await waitForInstance(t.api, id, (i) => i.state === 'READY_PAUSE');
      process.kill(t.cluster.get(running.owner).pid, 'SIGKILL');
      t.setRacePoints({});
      const paused = await waitForInstance(t.api, id, (i) => i.state === 'PAUSE', 60_000);
      expect(paused.owner).not.toBe(running.owner);
      expect(paused.tasks.map((x) => [x.name, x.state])).toEqual([['a', 'SUCCESS']]);
      await t.api.ResumeInstance({ id });
      expect((await waitForEnd(t.api, id, 60_000)).state).toBe('SUCCESS');
      expect(runsOf(record)).toEqual({ a: 1, c1: 1, c2: 1, c: 1 });
      const changes = await t.db
        .selectFrom('state_changes')
        .select('to_state')
        .where('instance_id', '=', id)
        .where('task', 'is', null)
        .where('to_state', 'in', ['READY_PAUSE', 'PAUSE'])
        .whereRef('from_state', '!=', 'to_state')
        .execute();
      expect(changes.map((c) => c.to_state)).toEqual(['READY_PAUSE', 'PAUSE']);
    });
  }

  it('recover, owner killed between the child recover and the re-attachment: child recovered once', async () => {
    const { t, record, fix } = await setUp('child-reattach', true);
    const { id } = await t.api.StartInstance({ workflow: 'child-reattach' });
    const failed = await waitForEnd(t.api, id, 60_000);
    expect(failed.state).toBe('FAILURE');
    const childId = last(failed, 'b')!.child_id;
    fix();
    t.setRacePoints({ 'master.child.before-reattach': { scope: 'child-reattach', ms: 120_000 } });
    await t.api.RecoverInstance({ id });
    const held = await waitForInstance(t.api, childId, (i) => i.state !== 'FAILURE');
    const parent = await waitForInstance(t.api, id, (i) => i.owner !== '');
    expect(held.state).not.toBe('FAILURE');
    process.kill(t.cluster.get(parent.owner).pid, 'SIGKILL');
    t.setRacePoints({});
    const done = await waitForEnd(t.api, id, 60_000);
    expect(done.state).toBe('SUCCESS');
    expect(done.tasks.filter((x) => x.name === 'b').map((x) => x.child_id)).toEqual([
      childId,
      childId,
    ]);
    const child = await t.api.GetInstance({ id: childId });
    expect(child.state).toBe('SUCCESS');
    expect(child.round).toBe(1);
    expect(runsOf(record)).toEqual({ a: 1, c1: 1, c2: 2, c: 1 });
  });
});
