/**
 * Task groups from the CLI (issue 15): what ran, and when, is read from a file the tasks append
 * to (outside Baton), so "never more than N of the group at once" (T1) is checked on what really
 * ran; every instance ending SUCCESS across the kills is T2.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliFor } from './support/cli-runner.js';
import {
  maxConcurrent,
  recordedRuns,
  recordingCommand,
  type RecordedRun,
} from './support/interval-record.js';
import { startTestCluster, waitForEnd, type TestCluster } from './support/test-cluster.js';

interface GroupJson {
  size: number;
  coordinator: string;
  running: number;
  holders: { instanceId: string; task: string }[];
  waitingCount: number;
  waiting: { position: number; task: string; priority: number; waitingMs: number }[];
}

describe('task groups (CLI, 2 masters, 2 coordinators, 2 workers)', () => {
  let t: TestCluster;
  let cli: ReturnType<typeof cliFor>;

  beforeAll(async () => {
    t = await startTestCluster('task-groups', {
      layout: { masters: 2, workers: 2, coordinators: 2 },
    });
    cli = cliFor(t);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function ok(...args: string[]): Promise<string> {
    const run = await cli(...args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return run.stdout;
  }

  const group = async (name: string): Promise<GroupJson> =>
    JSON.parse(await ok('task-group', 'get', name, '--json')) as GroupJson;

  /** A definition of `n` independent grouped tasks, each recording itself into `record`. */
  async function define(
    name: string,
    taskGroup: string,
    n: number,
    body: string,
    extra: (i: number) => string = () => '',
  ): Promise<void> {
    const record = join(t.dir, `${taskGroup}.record`);
    const tasks = Array.from({ length: n }, (_, i) => {
      const command = recordingCommand(record, `${name}.t${i}`, body);
      return `  - name: t${i}\n    type: SHELL\n    taskGroup: ${taskGroup}\n    command: '${command}'\n${extra(i)}`;
    });
    await t.api.ApplyWorkflow({ yaml: `name: ${name}\ntasks:\n${tasks.join('')}` });
  }

  const start = async (workflow: string): Promise<string> =>
    (await t.api.StartInstance({ workflow })).id;

  const runsOf = (taskGroup: string): RecordedRun[] =>
    recordedRuns(join(t.dir, `${taskGroup}.record`));

  it('never runs more than 2 of a size-2 group shared by 3 definitions (20 tasks)', async () => {
    expect(await ok('task-group', 'set', 'db', '--size', '2')).toContain('task group db: size 2');
    await define('tg-a', 'db', 7, 'sleep 0.3');
    await define('tg-b', 'db', 7, 'sleep 0.3');
    await define('tg-c', 'db', 6, 'sleep 0.3');
    const ids = await Promise.all(['tg-a', 'tg-b', 'tg-c'].map(start));
    for (const id of ids) expect((await waitForEnd(t.api, id, 90_000)).state).toBe('SUCCESS');
    const runs = runsOf('db');
    expect(runs).toHaveLength(20);
    expect(new Set(runs.map((r) => r.key)).size).toBe(20);
    expect(maxConcurrent(runs)).toBe(2);
    const history = await t.api.GetInstanceHistory({ id: ids[0]! });
    expect(history.changes.some((c) => c.to_state === 'WAITING_GROUP')).toBe(true);
    expect(await ok('task-group', 'list')).toMatch(/db\s+2/);
  });

  it('admits a later high-priority waiter before earlier low-priority ones (size 1)', async () => {
    await ok('task-group', 'set', 'prio', '--size', '1');
    // The blocker holds the slot until the test has queued everything (a gate file, not a sleep).
    const gate = join(t.dir, 'prio.gate');
    await define('tg-blocker', 'prio', 1, `while [ ! -f ${gate} ]; do sleep 0.1; done`);
    await define('tg-low', 'prio', 3, 'sleep 0.2');
    await define('tg-high', 'prio', 1, 'sleep 0.2', () => '    taskGroupPriority: 9\n');
    const blocker = await start('tg-blocker');
    await expect.poll(async () => (await group('prio')).running, { timeout: 20_000 }).toBe(1);
    const low = await start('tg-low');
    await expect.poll(async () => (await group('prio')).waitingCount, { timeout: 20_000 }).toBe(3);
    const high = await start('tg-high');
    await expect
      .poll(async () => (await group('prio')).waiting[0]?.priority, { timeout: 20_000 })
      .toBe(9);
    const queued = await group('prio');
    expect(queued.waiting.map((w) => [w.position, w.priority])).toEqual([
      [1, 9],
      [2, 0],
      [3, 0],
      [4, 0],
    ]);
    expect(queued.holders.map((h) => h.instanceId)).toEqual([blocker]);
    const text = await ok('task-group', 'get', 'prio');
    expect(text).toContain('size 1, 1 running, 4 waiting');
    writeFileSync(gate, '');
    for (const id of [blocker, low, high])
      expect((await waitForEnd(t.api, id, 60_000)).state).toBe('SUCCESS');
    const runs = runsOf('prio');
    expect(maxConcurrent(runs)).toBe(1);
    expect(runs.map((r) => r.key).slice(0, 2)).toEqual(['tg-blocker.t0', 'tg-high.t0']);
  });

  it('takes a resize 2 -> 4 -> 1 at once; a shrink lets running tasks finish', async () => {
    await ok('task-group', 'set', 'rs', '--size', '2');
    // Tasks run until the gate opens (after the shrink), then a short while.
    const gate = join(t.dir, 'rs.gate');
    await define('tg-rs', 'rs', 8, `while [ ! -f ${gate} ]; do sleep 0.1; done; sleep 0.5`);
    const id = await start('tg-rs');
    await expect.poll(async () => (await group('rs')).running, { timeout: 20_000 }).toBe(2);
    expect(maxConcurrent(runsOf('rs'))).toBeLessThanOrEqual(2);
    await ok('task-group', 'set', 'rs', '--size', '4');
    await expect.poll(async () => (await group('rs')).running, { timeout: 5_000 }).toBe(4);
    await expect.poll(() => maxConcurrent(runsOf('rs')), { timeout: 5_000 }).toBe(4);
    await ok('task-group', 'set', 'rs', '--size', '1');
    const shrunkAt = Date.now();
    const after = await group('rs');
    expect(after.size).toBe(1);
    // Nobody was stopped: those running go on (the two admitted by the growth, at least).
    expect(after.running).toBeGreaterThan(1);
    writeFileSync(gate, '');
    expect((await waitForEnd(t.api, id, 90_000)).state).toBe('SUCCESS');
    const runs = runsOf('rs');
    expect(runs).toHaveLength(8);
    // Every task started after the shrink ran alone (a second's margin for an admission that
    // read the old size just before the shrink committed).
    const late = runs.filter((r) => r.start > shrunkAt + 1_000);
    expect(late.length).toBeGreaterThan(0);
    for (const run of late) expect(maxConcurrent(runs.filter((r) => overlaps(r, run)))).toBe(1);
  });

  it('keeps T1 and T2 when the group coordinator and a worker running a grouped task die', async () => {
    await ok('task-group', 'set', 'fo', '--size', '2');
    await define('tg-fo1', 'fo', 5, 'sleep 2', () => '    retries: 2\n');
    await define('tg-fo2', 'fo', 5, 'sleep 2', () => '    retries: 2\n');
    const ids = await Promise.all(['tg-fo1', 'tg-fo2'].map(start));
    await expect.poll(async () => (await group('fo')).running, { timeout: 20_000 }).toBe(2);

    const { coordinator, holders } = await group('fo');
    process.kill(t.cluster.get(coordinator).pid, 'SIGKILL');
    const holder = holders[0]!;
    const instance = await t.api.GetInstance({ id: holder.instanceId });
    const worker = instance.tasks.find((k) => k.name === holder.task && k.state === 'RUNNING');
    expect(worker?.worker).toBeTruthy();
    process.kill(t.cluster.get(worker!.worker).pid, 'SIGKILL');
    const workerKilledAt = Date.now();
    await t.cluster.add('worker');

    for (const id of ids) expect((await waitForEnd(t.api, id, 120_000)).state).toBe('SUCCESS');
    // A run on the killed worker never wrote its end: its process group died with the worker
    // (the watchdog), so it ended by then; a second is a generous bound.
    const runs = runsOf('fo').map((r) => ({ ...r, end: r.end ?? workerKilledAt + 1_000 }));
    expect(runs.length).toBeGreaterThanOrEqual(10);
    expect(maxConcurrent(runs)).toBeLessThanOrEqual(2);
    await expect.poll(async () => (await group('fo')).running, { timeout: 20_000 }).toBe(0);
  });

  it('refuses bad input with the field or state named, writing nothing', async () => {
    const bad = await cli('task-group', 'set', 'x y', '--size', '2');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('name');
    const zero = await cli('task-group', 'set', 'zero', '--size', '0');
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain('size');
    const nan = await cli('task-group', 'set', 'zero', '--size', 'two');
    expect(nan.stderr).toContain('--size must be an integer');
    const missing = await cli('task-group', 'get', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/not.*exist|not found/i);
    expect(await ok('task-group', 'list')).not.toContain('zero');

    const apply = (task: string) =>
      t.api.ApplyWorkflow({ yaml: `name: tg-bad\ntasks:\n  - name: a\n${task}` }).then(
        () => 'applied',
        (err: Error) => err.message,
      );
    const shell = "    type: SHELL\n    command: 'true'\n";
    expect(await apply(`${shell}    taskGroup: nope\n`)).toContain('tasks[0].taskGroup');
    expect(await apply(`${shell}    taskGroup: db\n    taskGroupPriority: 10\n`)).toContain(
      'tasks[0].taskGroupPriority',
    );
    expect(await apply(`${shell}    taskGroupPriority: 3\n`)).toContain(
      'tasks[0].taskGroupPriority',
    );
    expect(
      await apply('    type: SUB_WORKFLOW\n    workflow: tg-a\n    taskGroup: db\n'),
    ).toContain('tasks[0].taskGroup');
    await expect(t.api.GetWorkflow({ name: 'tg-bad', version: 0 })).rejects.toThrow();

    const viewer = t.apiAt(t.cluster.api.address, await t.issueToken('viewer'));
    await expect(viewer.SetTaskGroup({ name: 'v', size: 1 })).rejects.toThrow(/PERMISSION|admin/i);
    expect((await viewer.GetTaskGroup({ name: 'db', limit: 0 })).size).toBe(2);
    const audit = await t.api.ListAuditEvents({});
    expect(audit.events.some((e) => e.action === 'task-group.resize' && e.target === 'rs')).toBe(
      true,
    );
  });
});

function overlaps(a: RecordedRun, b: RecordedRun): boolean {
  return a.start < (b.end ?? Infinity) && b.start < (a.end ?? Infinity);
}
