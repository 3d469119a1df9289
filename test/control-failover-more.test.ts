/**
 * C1, controls once, for resume, recover and force-success (pause: control-failover.test.ts):
 * the owning master is killed right before or right after the master commits the control's
 * effect (race points), and the master that adopts the instance carries it out exactly once.
 * What ran is read from a file the tasks append to, outside Baton; the history shows each
 * control's state change once.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';
import { controlFiles, lastAttempt, transitions } from './support/control-workflows.js';
import { runsOf } from './support/line-counts.js';

describe('more controls across master failover (C1)', () => {
  let t: TestCluster | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  async function cluster(name: string) {
    t = await startTestCluster(name, { layout: { masters: 2, workers: 1 } });
    return { t, files: controlFiles(t) };
  }

  const kill = (t: TestCluster, owner: string) => process.kill(t.cluster.get(owner).pid, 'SIGKILL');

  for (const point of ['master.resume.before-commit', 'master.resume.after-commit']) {
    it(`resume from PAUSE, owner killed at ${point}: resumed once, child with it`, async () => {
      const name = point.endsWith('before-commit') ? 'resume-before' : 'resume-after';
      const { t, files } = await cluster(name);
      const { step, gate } = files;
      await t.api.ApplyWorkflow({
        yaml: [
          `name: ${name}-child`,
          'tasks:',
          `  - { name: c1, type: SHELL, command: '${step('c1', gate('c1'))}' }`,
          `  - { name: c2, type: SHELL, command: '${step('c2')}', dependsOn: [c1] }`,
        ].join('\n'),
      });
      await t.api.ApplyWorkflow({
        yaml: [
          `name: ${name}`,
          'tasks:',
          `  - { name: a, type: SHELL, command: '${step('a')}' }`,
          `  - { name: b, type: SUB_WORKFLOW, workflow: ${name}-child, dependsOn: [a] }`,
          `  - { name: c, type: SHELL, command: '${step('c')}', dependsOn: [b] }`,
        ].join('\n'),
      });
      const { id } = await t.api.StartInstance({ workflow: name });
      const parent = await waitForInstance(
        t.api,
        id,
        (i) => (lastAttempt(i, 'b')?.child_id ?? '') !== '',
      );
      const childId = lastAttempt(parent, 'b')!.child_id;
      await waitForInstance(t.api, childId, (i) => lastAttempt(i, 'c1')?.state === 'RUNNING');
      await t.api.PauseInstance({ id });
      await waitForInstance(t.api, childId, (i) => i.state === 'READY_PAUSE');
      files.open('c1');
      await waitForInstance(t.api, id, (i) => i.state === 'PAUSE');
      expect((await t.api.GetInstance({ id: childId })).state).toBe('PAUSE');

      t.setRacePoints({ [point]: { scope: name, ms: 120_000 } });
      const paused = await t.api.ResumeInstance({ id });
      if (point.endsWith('after-commit'))
        await waitForInstance(t.api, id, (i) => i.state === 'RUNNING');
      kill(t, paused.owner);
      t.setRacePoints({});

      const done = await waitForEnd(t.api, id, 60_000);
      expect(done.state).toBe('SUCCESS');
      expect(done.owner === '' || done.owner !== paused.owner).toBe(true);
      expect(runsOf(files.record)).toEqual({ a: 1, c1: 1, c2: 1, c: 1 });
      expect(await transitions(t, id, 'PAUSE', 'RUNNING')).toBe(1);
      expect(await transitions(t, childId, 'PAUSE', 'RUNNING')).toBe(1);
    });
  }

  it('resume from STOP, owner killed before the new round commits: carried on once', async () => {
    const { t, files } = await cluster('resume-stop');
    const { step, gate } = files;
    await t.api.ApplyWorkflow({
      yaml: [
        'name: resume-stop',
        'tasks:',
        `  - { name: a, type: SHELL, command: '${step('a', gate('a'))}' }`,
        `  - { name: b, type: SHELL, command: '${step('b')}', dependsOn: [a] }`,
      ].join('\n'),
    });
    const { id } = await t.api.StartInstance({ workflow: 'resume-stop' });
    // Running for sure: its line is in the record (RUNNING may come before the shell does).
    await expect.poll(() => runsOf(files.record).a, { timeout: 30_000 }).toBe(1);
    await t.api.StopInstance({ id });
    expect((await waitForEnd(t.api, id)).state).toBe('STOP');
    files.open('a');

    t.setRacePoints({ 'master.round.before-commit': { scope: 'resume-stop', ms: 120_000 } });
    await t.api.ResumeInstance({ id });
    const claimed = await waitForInstance(
      t.api,
      id,
      (i) => i.state === 'SUBMITTED' && i.owner !== '',
    );
    kill(t, claimed.owner);
    t.setRacePoints({});

    const done = await waitForEnd(t.api, id, 60_000);
    expect(done.state).toBe('SUCCESS');
    expect(done.round).toBe(1);
    // a: the run the stop killed, then its one new attempt.
    expect(runsOf(files.record)).toEqual({ a: 2, b: 1 });
    expect(await transitions(t, id, 'STOP', 'SUBMITTED')).toBe(1);
    expect(await transitions(t, id, 'SUBMITTED', 'RUNNING')).toBe(2);
  });

  it('recover, owner killed after the new round commits: failed tasks run once more', async () => {
    const { t, files } = await cluster('recover-after');
    const flag = join(t.dir, 'fixed');
    await t.api.ApplyWorkflow({
      yaml: [
        'name: recover-after',
        'tasks:',
        `  - { name: a, type: SHELL, command: '${files.step('a')}' }`,
        `  - { name: b, type: SHELL, command: '${files.step('b', `; test -f ${flag}`)}', dependsOn: [a] }`,
        `  - { name: c, type: SHELL, command: '${files.step('c')}', dependsOn: [b] }`,
      ].join('\n'),
    });
    const { id } = await t.api.StartInstance({ workflow: 'recover-after' });
    expect((await waitForEnd(t.api, id, 60_000)).state).toBe('FAILURE');
    writeFileSync(flag, '');

    t.setRacePoints({ 'master.round.after-commit': { scope: 'recover-after', ms: 120_000 } });
    await t.api.RecoverInstance({ id });
    const running = await waitForInstance(
      t.api,
      id,
      (i) => i.state === 'RUNNING' && i.owner !== '',
    );
    kill(t, running.owner);
    t.setRacePoints({});

    const done = await waitForEnd(t.api, id, 60_000);
    expect(done.state).toBe('SUCCESS');
    expect(runsOf(files.record)).toEqual({ a: 1, b: 2, c: 1 });
    expect(await transitions(t, id, 'FAILURE', 'SUBMITTED')).toBe(1);
    expect(done.tasks.filter((x) => x.name === 'b').map((x) => x.state)).toEqual([
      'FAILURE',
      'SUCCESS',
    ]);
  });

  it('force-success on PAUSE, owner killed before the force commits: forced once, then the timeout left and the downstream', async () => {
    const { t, files } = await cluster('force-paused');
    await t.api.ApplyWorkflow({
      yaml: [
        'name: force-paused',
        'timeout: 12s',
        'tasks:',
        `  - { name: a, type: SHELL, command: '${files.step('a', '; exit 1')}', retries: 1, retryInterval: 60s }`,
        `  - { name: b, type: SHELL, command: '${files.step('b')}', dependsOn: [a] }`,
      ].join('\n'),
    });
    const startedAt = Date.now();
    const { id } = await t.api.StartInstance({ workflow: 'force-paused' });
    await waitForInstance(t.api, id, (i) => lastAttempt(i, 'a')?.state === 'FAILURE');
    await t.api.PauseInstance({ id });
    const paused = await waitForInstance(t.api, id, (i) => i.state === 'PAUSE');

    t.setRacePoints({ 'master.force.before-commit': { scope: 'force-paused', ms: 120_000 } });
    await t.api.ForceTaskSuccess({ id, task: 'a' });
    kill(t, paused.owner);
    t.setRacePoints({});
    const forced = await waitForInstance(
      t.api,
      id,
      (i) => lastAttempt(i, 'a')?.state === 'FORCED_SUCCESS',
      60_000,
    );
    expect(forced.state).toBe('PAUSE');
    expect(forced.owner).not.toBe(paused.owner);
    // Paused past the whole workflow timeout: a resume must go on with what was left then.
    const pastTimeout = startedAt + 15_000 - Date.now();
    if (pastTimeout > 0) await new Promise((resolve) => setTimeout(resolve, pastTimeout));

    await t.api.ResumeInstance({ id });
    const done = await waitForEnd(t.api, id, 60_000);
    expect(done.state).toBe('SUCCESS');
    expect(runsOf(files.record)).toEqual({ a: 1, b: 1 });
    expect(await transitions(t, id, 'FAILURE', 'FORCED_SUCCESS', 'a')).toBe(1);
  });
});
