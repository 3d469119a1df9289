import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

/** Each task appends `<event> <instance> <task> <attempt>` to this file: the external record. */
function recorder(file: string, task: string, body = 'true'): string {
  return `echo "start $BATON_INSTANCE_ID ${task} $BATON_TASK_ATTEMPT" >> ${file}; ${body}; rc=$?; echo "end $BATON_INSTANCE_ID ${task} $BATON_TASK_ATTEMPT" >> ${file}; exit $rc`;
}

function recordOf(file: string, instanceId: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.split(' ')[1] === instanceId)
    .map((line) =>
      line
        .split(' ')
        .filter((_, i) => i !== 1)
        .join(' '),
    );
}

describe('running workflows end to end (api, master, worker as processes)', () => {
  let t: TestCluster;
  let record: string;

  beforeAll(async () => {
    t = await startTestCluster('workflow-run', { layout: { masters: 2, workers: 2 } });
    record = join(t.dir, 'record.txt');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('runs a DAG with a sub-workflow to SUCCESS, each task once, in dependency order', async () => {
    await t.api.ApplyWorkflow({
      yaml: `name: child\ntasks:\n  - name: c1\n    type: SHELL\n    command: '${recorder(record, 'c1')}'\n`,
    });
    await t.api.ApplyWorkflow({
      yaml: [
        'name: parent',
        'params: { day: "2026-01-01" }',
        'tasks:',
        `  - { name: extract, type: SHELL, command: '${recorder(record, 'extract', 'test "$day" = override')}' }`,
        '  - { name: load, type: SUB_WORKFLOW, workflow: child, dependsOn: [extract] }',
        `  - { name: report, type: SHELL, command: '${recorder(record, 'report')}', dependsOn: [load] }`,
      ].join('\n'),
    });
    const started = await t.api.StartInstance({ workflow: 'parent', params: { day: 'override' } });
    const done = await waitForEnd(t.api, started.id);
    expect(done.state).toBe('SUCCESS');
    expect(done.tasks.map((x) => [x.name, x.state, x.attempt])).toEqual([
      ['extract', 'SUCCESS', 1],
      ['load', 'SUCCESS', 1],
      ['report', 'SUCCESS', 1],
    ]);
    const childId = done.tasks[1]!.child_id;
    const child = await t.api.GetInstance({ id: childId });
    expect([child.state, child.parent_id, child.parent_task, child.parent_task_attempt]).toEqual([
      'SUCCESS',
      started.id,
      'load',
      1,
    ]);
    expect(recordOf(record, started.id)).toEqual([
      'start extract 1',
      'end extract 1',
      'start report 1',
      'end report 1',
    ]);
    expect(recordOf(record, childId)).toEqual(['start c1 1', 'end c1 1']);
  });

  it('retries a failing task after its interval and ends FAILURE after retries + 1 attempts', async () => {
    await t.api.ApplyWorkflow({
      yaml: `name: flaky\ntasks:\n  - name: f\n    type: SHELL\n    command: '${recorder(record, 'f', 'exit 3')}'\n    retries: 2\n    retryInterval: 1s\n`,
    });
    const { id } = await t.api.StartInstance({ workflow: 'flaky' });
    const done = await waitForEnd(t.api, id);
    expect(done.state).toBe('FAILURE');
    expect(done.tasks.map((x) => [x.attempt, x.state, x.exit_code])).toEqual([
      [1, 'FAILURE', 3],
      [2, 'FAILURE', 3],
      [3, 'FAILURE', 3],
    ]);
    for (let i = 1; i < done.tasks.length; i += 1) {
      const gap = Date.parse(done.tasks[i]!.started_at) - Date.parse(done.tasks[i - 1]!.ended_at);
      expect(gap).toBeGreaterThanOrEqual(1_000);
    }
    expect(recordOf(record, id).filter((l) => l.startsWith('start'))).toEqual([
      'start f 1',
      'start f 2',
      'start f 3',
    ]);
  });

  it('stops an instance: running tasks and the child are killed, everything ends STOP/KILL', async () => {
    await t.api.ApplyWorkflow({
      yaml: `name: slow-child\ntasks:\n  - { name: z, type: SHELL, command: '${recorder(record, 'z', 'sleep 30')}' }\n`,
    });
    await t.api.ApplyWorkflow({
      yaml: [
        'name: slow',
        'tasks:',
        `  - { name: s1, type: SHELL, command: '${recorder(record, 's1', 'sleep 30')}' }`,
        '  - { name: s2, type: SUB_WORKFLOW, workflow: slow-child }',
        `  - { name: s3, type: SHELL, command: 'true', dependsOn: [s1] }`,
      ].join('\n'),
    });
    const { id } = await t.api.StartInstance({ workflow: 'slow' });
    const running = await waitForInstance(
      t.api,
      id,
      (i) => i.tasks.filter((x) => x.state === 'RUNNING').length === 2,
    );
    const childId = running.tasks.find((x) => x.name === 's2')!.child_id;
    await waitForInstance(t.api, childId, (i) => i.tasks.some((x) => x.state === 'RUNNING'));
    const stopping = await t.api.StopInstance({ id });
    expect(stopping.stop_requested).toBe(true);
    const done = await waitForEnd(t.api, id);
    expect(done.state).toBe('STOP');
    expect(done.tasks.map((x) => [x.name, x.state])).toEqual([
      ['s1', 'KILL'],
      ['s2', 'KILL'],
    ]);
    const child = await t.api.GetInstance({ id: childId });
    expect([child.state, child.tasks[0]?.state]).toEqual(['STOP', 'KILL']);
    // The killed shells never reached their `end` line: the whole process group died.
    expect(recordOf(record, id)).toEqual(['start s1 1']);
    expect(recordOf(record, childId)).toEqual(['start z 1']);
    await expect(t.api.StopInstance({ id })).rejects.toThrow(/already ended/);
  });

  it('END failure strategy kills running siblings when a task fails for good', async () => {
    await t.api.ApplyWorkflow({
      yaml: [
        'name: end-strategy',
        'failureStrategy: END',
        'tasks:',
        `  - { name: bad, type: SHELL, command: 'sleep 0.5; exit 1' }`,
        `  - { name: long, type: SHELL, command: '${recorder(record, 'long', 'sleep 30')}' }`,
      ].join('\n'),
    });
    const { id } = await t.api.StartInstance({ workflow: 'end-strategy' });
    const done = await waitForEnd(t.api, id);
    expect(done.state).toBe('FAILURE');
    expect(Object.fromEntries(done.tasks.map((x) => [x.name, x.state]))).toEqual({
      bad: 'FAILURE',
      long: 'KILL',
    });
  });

  it('a task timeout with FAIL kills the task and fails it; a workflow timeout with STOP stops the instance', async () => {
    await t.api.ApplyWorkflow({
      yaml: `name: task-timeout\ntasks:\n  - { name: t, type: SHELL, command: 'sleep 30', timeout: 1s }\n`,
    });
    await t.api.ApplyWorkflow({
      yaml: `name: wf-timeout\ntimeout: 1s\ntasks:\n  - { name: t, type: SHELL, command: 'sleep 30' }\n`,
    });
    const a = await t.api.StartInstance({ workflow: 'task-timeout' });
    const b = await t.api.StartInstance({ workflow: 'wf-timeout' });
    const [doneA, doneB] = await Promise.all([waitForEnd(t.api, a.id), waitForEnd(t.api, b.id)]);
    expect([doneA.state, doneA.tasks.map((x) => x.state)]).toEqual(['FAILURE', ['FAILURE']]);
    expect([doneB.state, doneB.tasks.map((x) => x.state)]).toEqual(['STOP', ['KILL']]);
    const history = await t.api.GetInstanceHistory({ id: b.id });
    expect(
      history.changes.some((c) => c.to_state === 'READY_STOP' && /timed out/.test(c.reason)),
    ).toBe(true);
  });

  it('an instance runs as of the schedule time it was started with, and so do its sub-workflows and its rerun', async () => {
    await t.api.ApplyWorkflow({
      yaml: `name: dated-leaf\ntasks:\n  - { name: l, type: SHELL, command: 'true' }\n`,
    });
    await t.api.ApplyWorkflow({
      yaml: `name: dated-middle\ntasks:\n  - { name: m, type: SUB_WORKFLOW, workflow: dated-leaf }\n`,
    });
    await t.api.ApplyWorkflow({
      yaml: [
        'name: dated-top',
        'tasks:',
        `  - { name: first, type: SHELL, command: 'true' }`,
        '  - { name: sub, type: SUB_WORKFLOW, workflow: dated-middle, dependsOn: [first] }',
      ].join('\n'),
    });
    const asOf = '2026-03-01T00:00:00.000Z';
    const started = await t.api.StartInstance({
      workflow: 'dated-top',
      schedule_time: '2026-03-01T02:00:00+02:00',
    });
    expect(started.schedule_time).toBe(asOf);
    // The business time of a run and of every instance it made: top, middle, leaf.
    const scheduleTimes = async (id: string): Promise<string[]> => {
      const top = await waitForEnd(t.api, id);
      expect(top.state).toBe('SUCCESS');
      const middle = await t.api.GetInstance({ id: top.tasks[1]!.child_id });
      const leaf = await t.api.GetInstance({ id: middle.tasks[0]!.child_id });
      expect([middle.parent_id, leaf.parent_id]).toEqual([top.id, middle.id]);
      return [top, middle, leaf].map((i) => i.schedule_time);
    };
    expect(await scheduleTimes(started.id)).toEqual([asOf, asOf, asOf]);

    const rerun = await t.api.RerunInstance({ id: started.id });
    expect([rerun.rerun_of, rerun.schedule_time]).toEqual([started.id, asOf]);
    expect(Date.parse(rerun.created_at)).toBeGreaterThan(Date.parse(started.created_at));
    expect(await scheduleTimes(rerun.id)).toEqual([asOf, asOf, asOf]);
    const listed = await t.api.ListInstances({ workflow: 'dated-top' });
    expect(listed.instances.map((i) => [i.id, i.schedule_time])).toEqual([
      [rerun.id, asOf],
      [started.id, asOf],
    ]);
  });

  it('records every state change with a timestamp, actor and epoch', async () => {
    const { id } = await t.api.StartInstance({ workflow: 'child' });
    await waitForEnd(t.api, id);
    const { changes } = await t.api.GetInstanceHistory({ id });
    const instanceStates = changes.filter((c) => c.task === '').map((c) => c.to_state);
    expect(instanceStates[0]).toBe('SUBMITTED');
    expect(instanceStates.at(-1)).toBe('SUCCESS');
    expect(instanceStates).toContain('RUNNING');
    expect(changes.filter((c) => c.task === 'c1').map((c) => c.to_state)).toEqual([
      'SUBMITTED',
      'DISPATCHED',
      'RUNNING',
      'SUCCESS',
    ]);
    for (const c of changes) expect(Number.isNaN(Date.parse(c.at))).toBe(false);
  });
});
