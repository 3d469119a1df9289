import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exitWithin, healthProbe, type HealthProbe } from './support/health-check.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

/** The default lease TTL: what a hand-over must beat, or it is no better than a crash. */
const TTL = 10_000;

function lines(file: string): string[] {
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];
}

/** Task `a` records its start, runs until the gate file exists, then records its end. */
function gatedWorkflow(t: TestCluster, extraTasks: string[] = []) {
  const record = join(t.dir, 'record.txt');
  const gate = join(t.dir, 'gate');
  const a = `echo "start $BATON_TASK_ATTEMPT" >> ${record}; while [ ! -e ${gate} ]; do sleep 0.1; done; echo "end $BATON_TASK_ATTEMPT" >> ${record}`;
  const yaml = ['name: wf', 'tasks:', `  - { name: a, type: SHELL, command: '${a}' }`];
  return {
    record,
    openGate: () => writeFileSync(gate, ''),
    apply: () => t.api.ApplyWorkflow({ yaml: [...yaml, ...extraTasks].join('\n') }),
  };
}

describe('SIGTERM drains a process instead of dropping its work', () => {
  let t: TestCluster | undefined;
  const probes: HealthProbe[] = [];
  const probe = (address: string): HealthProbe => {
    const p = healthProbe(address, t!.cluster.operatorCredentials());
    probes.push(p);
    return p;
  };
  afterEach(async () => {
    for (const p of probes.splice(0)) p.close();
    await t?.dispose();
    t = undefined;
  });

  it('a master hands its running instance over: a survivor adopts it at once and takes its task over', async () => {
    t = await startTestCluster('drain-master', {
      layout: { masters: 2, workers: 1 },
      leaseTtlMs: TTL,
    });
    const wf = gatedWorkflow(t, [
      `  - { name: b, type: SHELL, command: 'echo b >> ${join(t.dir, 'record.txt')}', dependsOn: [a] }`,
    ]);
    await wf.apply();
    const { id } = await t.api.StartInstance({ workflow: 'wf' });
    const running = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    const leaving = t.cluster.get(running.owner);
    const signalledAt = Date.now();
    process.kill(leaving.pid, 'SIGTERM');
    const adopted = await waitForInstance(
      t.api,
      id,
      (i) => i.owner !== '' && i.owner !== leaving.name,
      TTL * 2,
    );
    // Not after the lease ran out, as it would be for a crash: the owner key went with the revoke.
    expect(Date.now() - signalledAt).toBeLessThan(TTL / 2);
    expect(await exitWithin(leaving, 15_000)).toBe('code 0');
    wf.openGate();
    const done = await waitForEnd(t.api, id);
    expect([done.state, done.owner]).toEqual(['SUCCESS', adopted.owner]);
    expect(done.tasks.map((x) => [x.name, x.attempt, x.state])).toEqual([
      ['a', 1, 'SUCCESS'],
      ['b', 1, 'SUCCESS'],
    ]);
    // Taken over, not re-run: the task started once and its one end was reported.
    expect(lines(wf.record)).toEqual(['start 1', 'end 1', 'b']);
    const { changes } = await t.api.GetInstanceHistory({ id });
    expect(changes.some((c) => /taken over from/.test(c.reason) && c.actor === done.owner)).toBe(
      true,
    );
  });

  it('a worker turns NOT_SERVING, refuses new tasks, lets its running task finish and reports it', async () => {
    t = await startTestCluster('drain-worker', {
      layout: { masters: 1, workers: 2 },
      leaseTtlMs: TTL,
    });
    const wf = gatedWorkflow(t);
    await wf.apply();
    const quickRecord = join(t.dir, 'quick.txt');
    await t.api.ApplyWorkflow({
      yaml: `name: quick\ntasks:\n  - { name: q, type: SHELL, command: 'echo "$BATON_TASK_ATTEMPT" >> ${quickRecord}' }\n`,
    });
    const { id } = await t.api.StartInstance({ workflow: 'wf' });
    const running = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    const draining = t.cluster.get(running.tasks[0]!.worker);
    const health = probe(draining.address);
    expect(await health.check()).toBe('SERVING');
    process.kill(draining.pid, 'SIGTERM');
    // Readable while it drains (not merely unreachable), and the drain waits for the task.
    await expect.poll(() => health.check(), { timeout: 5_000 }).toBe('NOT_SERVING');
    expect(draining.hasExited()).toBe(false);

    // New work goes elsewhere: if the master still reached the draining worker, the worker
    // refused it and the master retried the task on another (never run on the draining one).
    const quick = await t.api.StartInstance({ workflow: 'quick' });
    const quickDone = await waitForEnd(t.api, quick.id);
    expect(quickDone.state).toBe('SUCCESS');
    const last = quickDone.tasks[quickDone.tasks.length - 1]!;
    expect([last.state, last.worker === draining.name]).toEqual(['SUCCESS', false]);
    for (const x of quickDone.tasks.slice(0, -1))
      expect([x.worker, x.state]).toEqual([draining.name, 'NEED_FAULT_TOLERANCE']);
    expect(lines(quickRecord)).toEqual([String(last.attempt)]);

    expect(await health.check()).toBe('NOT_SERVING');
    expect((await t.api.GetInstance({ id })).tasks.map((x) => x.state)).toEqual(['RUNNING']);
    wf.openGate();
    const done = await waitForEnd(t.api, id);
    // Reported before the lease went: attempt 1 succeeded, nothing was retried.
    expect(done.state).toBe('SUCCESS');
    expect(done.tasks.map((x) => [x.attempt, x.state, x.worker])).toEqual([
      [1, 'SUCCESS', draining.name],
    ]);
    expect(lines(wf.record)).toEqual(['start 1', 'end 1']);
    expect(await exitWithin(draining, 15_000)).toBe('code 0');
  });

  it('a worker whose task outlasts SHUTDOWN_GRACE_MS kills it and hands it back for a retry elsewhere', async () => {
    t = await startTestCluster('drain-worker-grace', {
      layout: { masters: 1, workers: 0 },
      leaseTtlMs: TTL,
    });
    const graceMs = 1_500;
    const draining = await t.cluster.add('worker', undefined, { SHUTDOWN_GRACE_MS: `${graceMs}` });
    const wf = gatedWorkflow(t);
    await wf.apply();
    const { id } = await t.api.StartInstance({ workflow: 'wf' });
    await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    const spare = await t.cluster.add('worker');
    const signalledAt = Date.now();
    process.kill(draining.pid, 'SIGTERM');
    const retried = await waitForInstance(
      t.api,
      id,
      (i) => i.tasks.length === 2 && i.tasks[1]!.state === 'RUNNING',
      TTL * 2,
    );
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(graceMs);
    expect(retried.tasks.map((x) => [x.attempt, x.state, x.worker])).toEqual([
      [1, 'NEED_FAULT_TOLERANCE', draining.name],
      [2, 'RUNNING', spare.name],
    ]);
    expect(await exitWithin(draining, 15_000)).toBe('code 0');
    // Handed back by the worker's own KILL report, not found out when its lease went.
    const { changes } = await t.api.GetInstanceHistory({ id });
    const handedBack = changes.find(
      (c) => c.attempt === 1 && c.to_state === 'NEED_FAULT_TOLERANCE',
    );
    expect(handedBack?.reason).toBe('worker shutting down');
    wf.openGate();
    const done = await waitForEnd(t.api, id);
    expect(done.state).toBe('SUCCESS');
    expect(done.tasks.map((x) => [x.attempt, x.state])).toEqual([
      [1, 'NEED_FAULT_TOLERANCE'],
      [2, 'SUCCESS'],
    ]);
    // Attempt 1 was killed, never finished, and never ran beside attempt 2.
    expect(lines(wf.record)).toEqual(['start 1', 'start 2', 'end 2']);
  });

  it('a second SIGTERM during the drain forces the exit at once', async () => {
    t = await startTestCluster('drain-forced', {
      layout: { masters: 1, workers: 1 },
      leaseTtlMs: TTL,
    });
    const wf = gatedWorkflow(t);
    await wf.apply();
    const { id } = await t.api.StartInstance({ workflow: 'wf' });
    const running = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    const worker = t.cluster.get(running.tasks[0]!.worker);
    const health = probe(worker.address);
    process.kill(worker.pid, 'SIGTERM');
    // Draining: it would wait SHUTDOWN_GRACE_MS (10 s) for the task, which never ends.
    await expect.poll(() => health.check(), { timeout: 5_000 }).toBe('NOT_SERVING');
    expect(await exitWithin(worker, 500)).toBe('running');
    const secondAt = Date.now();
    process.kill(worker.pid, 'SIGTERM');
    expect(await exitWithin(worker, 3_000)).toBe('code 1');
    expect(Date.now() - secondAt).toBeLessThan(3_000);
  });
});
