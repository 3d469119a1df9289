import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

function lines(file: string): string[] {
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];
}

describe('nothing is lost when a message or a process is', () => {
  let t: TestCluster | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('an instance started while no master runs is adopted by the first master that comes', async () => {
    t = await startTestCluster('adopt-orphan', { layout: { masters: 0, workers: 1 } });
    await t.api.ApplyWorkflow({
      yaml: 'name: wf\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n',
    });
    const { id, state } = await t.api.StartInstance({ workflow: 'wf' });
    expect(state).toBe('SUBMITTED');
    const master = await t.cluster.add('master');
    const done = await waitForEnd(t.api, id);
    expect([done.state, done.owner]).toEqual(['SUCCESS', master.name]);
  });

  it('a task whose worker is killed dies with it and is retried on another worker as a new attempt', async () => {
    t = await startTestCluster('worker-death', { layout: { masters: 1, workers: 2 } });
    const record = join(t.dir, 'record.txt');
    // Attempts wait for the gate, opened only once the first attempt's worker is dead.
    const gate = join(t.dir, 'gate');
    await t.api.ApplyWorkflow({
      yaml: `name: wf\ntasks:\n  - { name: a, type: SHELL, command: 'echo "start $BATON_TASK_ATTEMPT" >> ${record}; while [ ! -e ${gate} ]; do sleep 0.1; done; echo "end $BATON_TASK_ATTEMPT" >> ${record}' }\n`,
    });
    const { id } = await t.api.StartInstance({ workflow: 'wf' });
    const running = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    const victim = running.tasks[0]!.worker;
    process.kill(t.cluster.get(victim).pid, 'SIGKILL');
    await waitForInstance(t.api, id, (i) => i.tasks.length === 2);
    writeFileSync(gate, '');
    const done = await waitForEnd(t.api, id);
    expect(done.state).toBe('SUCCESS');
    expect(done.tasks.map((x) => [x.attempt, x.state])).toEqual([
      [1, 'NEED_FAULT_TOLERANCE'],
      [2, 'SUCCESS'],
    ]);
    expect(done.tasks[1]!.worker).not.toBe(victim);
    // The first attempt died with its worker: it never finished beside its retry.
    expect(lines(record)).toEqual(['start 1', 'start 2', 'end 2']);
  });

  it('a killed master’s running instance is taken over: its running task is re-attached, not re-run', async () => {
    t = await startTestCluster('master-death', { layout: { masters: 2, workers: 1 } });
    const record = join(t.dir, 'record.txt');
    await t.api.ApplyWorkflow({
      yaml: [
        'name: wf',
        'tasks:',
        `  - { name: a, type: SHELL, command: 'echo start-a >> ${record}; sleep 3; echo end-a >> ${record}' }`,
        `  - { name: b, type: SHELL, command: 'echo b >> ${record}', dependsOn: [a] }`,
      ].join('\n'),
    });
    const { id } = await t.api.StartInstance({ workflow: 'wf' });
    const running = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    const owner = t.cluster.get(running.owner);
    process.kill(owner.pid, 'SIGKILL');
    const done = await waitForEnd(t.api, id);
    expect(done.state).toBe('SUCCESS');
    expect(done.owner).not.toBe(running.owner);
    expect(done.tasks.map((x) => [x.name, x.attempt, x.state])).toEqual([
      ['a', 1, 'SUCCESS'],
      ['b', 1, 'SUCCESS'],
    ]);
    expect(lines(record)).toEqual(['start-a', 'end-a', 'b']);
    const { changes } = await t.api.GetInstanceHistory({ id });
    expect(changes.some((c) => /taken over from/.test(c.reason) && c.actor === done.owner)).toBe(
      true,
    );
  });
});

describe('a serial holder and its waiting successor on one dead master', () => {
  let t: TestCluster | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('both are failed over: the holder resumes, the waiting one keeps its place and runs next', async () => {
    t = await startTestCluster('serial-same-master', { layout: { masters: 1, workers: 1 } });
    const record = join(t.dir, 'record.txt');
    // The holder runs until the test opens the gate, so it cannot end before its master dies.
    const gate = join(t.dir, 'gate');
    await t.api.ApplyWorkflow({
      yaml: `name: wf\nexecutionType: SERIAL_WAIT\ntasks:\n  - { name: a, type: SHELL, command: 'echo "$BATON_INSTANCE_ID" >> ${record}; while [ ! -e ${gate} ]; do sleep 0.1; done' }\n`,
    });
    const a = await t.api.StartInstance({ workflow: 'wf' });
    await waitForInstance(t.api, a.id, (i) => i.tasks[0]?.state === 'RUNNING');
    const b = await t.api.StartInstance({ workflow: 'wf' });
    await waitForInstance(t.api, b.id, (i) => i.state === 'SERIAL_WAIT');
    await t.cluster.add('master');
    process.kill(t.cluster.get('master-1').pid, 'SIGKILL');
    writeFileSync(gate, '');
    const [endA, endB] = await Promise.all([waitForEnd(t.api, a.id), waitForEnd(t.api, b.id)]);
    expect([endA.state, endB.state, endA.owner, endB.owner]).toEqual([
      'SUCCESS',
      'SUCCESS',
      'master-2',
      'master-2',
    ]);
    expect(lines(record)).toEqual([a.id, b.id]);
  });
});

describe('a worker paused past its lease', () => {
  let t: TestCluster | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('has its task retried elsewhere; resumed, its stale result is refused and it rejoins', async () => {
    t = await startTestCluster('worker-paused', { layout: { masters: 1, workers: 2 } });
    await t.api.ApplyWorkflow({
      yaml: 'name: wf\ntasks:\n  - { name: a, type: SHELL, command: "sleep 2" }\n',
    });
    const { id } = await t.api.StartInstance({ workflow: 'wf' });
    const running = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    const paused = t.cluster.get(running.tasks[0]!.worker);
    process.kill(paused.pid, 'SIGSTOP');
    const retried = await waitForEnd(t.api, id, 30_000);
    expect(retried.tasks.map((x) => [x.attempt, x.state, x.worker === paused.name])).toEqual([
      [1, 'NEED_FAULT_TOLERANCE', true],
      [2, 'SUCCESS', false],
    ]);
    const before = (await t.api.GetInstanceHistory({ id })).changes;
    process.kill(paused.pid, 'SIGCONT');
    // It notices it lost its lease and registers again under a new one ...
    await expect
      .poll(
        async () => {
          const raw = await t!.cluster.etcd
            .get(`${t!.cluster.options.etcdPrefix}members/worker/${paused.name}`)
            .string();
          return raw === null ? undefined : (JSON.parse(raw) as { pid: number }).pid;
        },
        { timeout: 30_000 },
      )
      .toBe(paused.pid);
    // ... and its result for attempt 1 was refused (the attempt had ended) and dropped.
    await expect
      .poll(
        () =>
          readFileSync(join(t!.dir, `${paused.name}.log`), 'utf8').includes(
            'result declined by owner',
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
    const after = await t.api.GetInstance({ id });
    expect(after.tasks.map((x) => [x.attempt, x.state])).toEqual([
      [1, 'NEED_FAULT_TOLERANCE'],
      [2, 'SUCCESS'],
    ]);
    expect((await t.api.GetInstanceHistory({ id })).changes).toEqual(before);
  });
});

describe('orphans of a master that died while no other was alive', () => {
  let t: TestCluster | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('are adopted by a master that starts later, which takes the running task over', async () => {
    t = await startTestCluster('late-master', { layout: { masters: 1, workers: 1 } });
    const record = join(t.dir, 'record.txt');
    await t.api.ApplyWorkflow({
      yaml: `name: wf\ntasks:\n  - { name: a, type: SHELL, command: 'echo "$BATON_TASK_ATTEMPT" >> ${record}; sleep 6' }\n`,
    });
    const { id } = await t.api.StartInstance({ workflow: 'wf' });
    await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    process.kill(t.cluster.get('master-1').pid, 'SIGKILL');
    // Nobody is alive to notice; the lease runs out with no one watching.
    await expect
      .poll(
        async () => t!.cluster.etcd.get(`${t!.cluster.options.etcdPrefix}owners/${id}`).exists(),
        { timeout: 15_000 },
      )
      .toBe(false);
    const late = await t.cluster.add('master');
    const done = await waitForEnd(t.api, id, 30_000);
    expect([done.state, done.owner, done.tasks.map((x) => [x.attempt, x.state])]).toEqual([
      'SUCCESS',
      late.name,
      [[1, 'SUCCESS']],
    ]);
    expect(lines(record)).toEqual(['1']);
  });
});
