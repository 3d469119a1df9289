import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIntervals, recordedCommand } from './support/execution-record.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';
import type { Instance__Output } from '../shared/proto/gen/baton/v1/Instance.js';

/**
 * DolphinScheduler's master-failover table, re-expressed: the master owning an instance is
 * SIGKILLed while the instance is RUNNING or READY_STOP and a task is in a given state (held
 * there by a race point); a surviving master must finish it the way DolphinScheduler expects,
 * and each task's command must have run exactly once (external record).
 */
describe('master failover table (instance state x task state)', () => {
  let t: TestCluster;
  let record: string;

  beforeAll(async () => {
    t = await startTestCluster('failover-table', { layout: { masters: 2, workers: 1 } });
    record = join(t.dir, 'record.txt');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function define(name: string, tasks: string[]): Promise<void> {
    await t.api.ApplyWorkflow({
      yaml: `name: ${name}\ntasks:\n${tasks.map((x) => `  - ${x}`).join('\n')}\n`,
    });
  }

  const shell = (name: string, body: string, extra = ''): string =>
    `{ name: ${name}, type: SHELL, command: '${recordedCommand(record, `echo ${name} >/dev/null; ${body}`)}'${extra} }`;

  /** SIGKILLs the master owning `instance`; returns its name (restarted after the case). */
  function killOwner(instance: Instance__Output): string {
    process.kill(t.cluster.get(instance.owner).pid, 'SIGKILL');
    return instance.owner;
  }

  async function finishAfterFailover(id: string, killed: string): Promise<Instance__Output> {
    const done = await waitForEnd(t.api, id, 60_000);
    expect(done.owner).not.toBe(killed);
    const { changes } = await t.api.GetInstanceHistory({ id });
    expect(changes.some((c) => c.task === '' && /taken over from/.test(c.reason))).toBe(true);
    await t.cluster.restart(killed);
    return done;
  }

  function runsOf(id: string): number {
    return readIntervals(record).filter((i) => i.instance === id).length;
  }

  it('RUNNING, task SUBMITTED (no worker of its group yet): dispatched by the new owner, SUCCESS', async () => {
    await define('ft-submitted', [shell('a', 'true', ', workerGroup: late')]);
    const { id } = await t.api.StartInstance({ workflow: 'ft-submitted' });
    const held = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'SUBMITTED');
    const killed = killOwner(held);
    await t.cluster.add('worker', 'late-worker', { WORKER_GROUP: 'late' });
    const done = await finishAfterFailover(id, killed);
    expect([done.state, done.tasks.map((x) => [x.attempt, x.state])]).toEqual([
      'SUCCESS',
      [[1, 'SUCCESS']],
    ]);
    expect(runsOf(id)).toBe(1);
  });

  it('RUNNING, task DISPATCHED (the worker never got it): sent again by the new owner, runs once, SUCCESS', async () => {
    await define('ft-dispatched', [shell('a', 'true')]);
    t.setRacePoints({ 'master.before-run-task': { scope: 'ft-dispatched', ms: 60_000 } });
    const { id } = await t.api.StartInstance({ workflow: 'ft-dispatched' });
    const held = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'DISPATCHED');
    const killed = killOwner(held);
    t.setRacePoints({});
    const done = await finishAfterFailover(id, killed);
    expect([done.state, done.tasks.map((x) => [x.attempt, x.state])]).toEqual([
      'SUCCESS',
      [[1, 'SUCCESS']],
    ]);
    expect(runsOf(id)).toBe(1);
  });

  it('RUNNING, task RUNNING: taken over on its worker (not re-run), SUCCESS', async () => {
    await define('ft-running', [shell('a', 'sleep 2')]);
    const { id } = await t.api.StartInstance({ workflow: 'ft-running' });
    const held = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    const killed = killOwner(held);
    const done = await finishAfterFailover(id, killed);
    expect([done.state, done.tasks.map((x) => [x.attempt, x.state])]).toEqual([
      'SUCCESS',
      [[1, 'SUCCESS']],
    ]);
    expect(runsOf(id)).toBe(1);
  });

  it('RUNNING, task SUCCESS (its successor not started yet): the new owner starts the successor, SUCCESS', async () => {
    await define('ft-success', [shell('a', 'true'), shell('b', 'true', ', dependsOn: [a]')]);
    t.setRacePoints({ 'master.report.before-advance': { scope: 'ft-success', ms: 60_000 } });
    const { id } = await t.api.StartInstance({ workflow: 'ft-success' });
    const held = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'SUCCESS');
    expect(held.tasks).toHaveLength(1);
    const killed = killOwner(held);
    t.setRacePoints({});
    const done = await finishAfterFailover(id, killed);
    expect([done.state, done.tasks.map((x) => [x.name, x.attempt, x.state])]).toEqual([
      'SUCCESS',
      [
        ['a', 1, 'SUCCESS'],
        ['b', 1, 'SUCCESS'],
      ],
    ]);
    expect(runsOf(id)).toBe(2);
  });

  it('RUNNING, task FAILURE with a retry left: the new owner retries it, SUCCESS on attempt 2', async () => {
    await define('ft-failure', [
      shell('a', 'test "$BATON_TASK_ATTEMPT" = 2', ', retries: 1, retryInterval: 1s'),
    ]);
    t.setRacePoints({ 'master.report.before-advance': { scope: 'ft-failure', ms: 60_000 } });
    const { id } = await t.api.StartInstance({ workflow: 'ft-failure' });
    const held = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'FAILURE');
    const killed = killOwner(held);
    t.setRacePoints({});
    const done = await finishAfterFailover(id, killed);
    expect([done.state, done.tasks.map((x) => [x.attempt, x.state])]).toEqual([
      'SUCCESS',
      [
        [1, 'FAILURE'],
        [2, 'SUCCESS'],
      ],
    ]);
    expect(runsOf(id)).toBe(2);
  });

  it('READY_STOP, task RUNNING: the new owner kills the task, STOP', async () => {
    await define('ft-stop-running', [shell('a', 'sleep 30')]);
    const { id } = await t.api.StartInstance({ workflow: 'ft-stop-running' });
    await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    t.setRacePoints({ 'master.stop.before-kill': { scope: 'ft-stop-running', ms: 60_000 } });
    await t.api.StopInstance({ id });
    const held = await waitForInstance(t.api, id, (i) => i.state === 'READY_STOP');
    const killed = killOwner(held);
    t.setRacePoints({});
    const done = await finishAfterFailover(id, killed);
    expect([done.state, done.tasks.map((x) => [x.attempt, x.state])]).toEqual([
      'STOP',
      [[1, 'KILL']],
    ]);
    const [interval] = readIntervals(record).filter((i) => i.instance === id);
    expect(interval?.end).toBeLessThan(Date.parse(done.ended_at) + 1);
  });

  it('READY_STOP, task SUBMITTED: the new owner ends the task KILL without running it, STOP', async () => {
    await define('ft-stop-submitted', [shell('a', 'true', ', workerGroup: nowhere')]);
    const { id } = await t.api.StartInstance({ workflow: 'ft-stop-submitted' });
    await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'SUBMITTED');
    t.setRacePoints({ 'master.stop.before-kill': { scope: 'ft-stop-submitted', ms: 60_000 } });
    await t.api.StopInstance({ id });
    const held = await waitForInstance(t.api, id, (i) => i.state === 'READY_STOP');
    const killed = killOwner(held);
    t.setRacePoints({});
    const done = await finishAfterFailover(id, killed);
    expect([done.state, done.tasks.map((x) => [x.attempt, x.state])]).toEqual([
      'STOP',
      [[1, 'KILL']],
    ]);
    expect(runsOf(id)).toBe(0);
  });
});
