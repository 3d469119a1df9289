/**
 * The `baton` CLI as users run it: the built `dist/services/cli/main.js` as a child process,
 * against a real cluster (every service its own process, real etcd and MariaDB).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../services/cli/cluster/infra/free-port.js';
import { repoRoot } from '../services/cli/cluster/infra/repo-root.js';
import { startTestCluster, waitForInstance, type TestCluster } from './support/test-cluster.js';

const CLI = join(repoRoot(), 'dist', 'services', 'cli', 'main.js');
const DEMO = join(repoRoot(), 'deploy', 'demo');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion (it must exit by itself) with BATON_API unset. */
function baton(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv['BATON_API'];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: childEnv, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A failure as the CLI reports it: one `error:` line on stderr, nothing on stdout. */
function expectOneErrorLine(run: CliRun, pattern: RegExp): void {
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^error: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
}

const INSTANCE_FIELDS = (
  'id workflow version executionType state params createdAt startedAt endedAt owner ownerEpoch ' +
  'parentId parentTask parentTaskAttempt stopRequested scheduledAt rerunOf scheduleTime backfillId labels tasks'
).split(' ');
const TASK_FIELDS =
  'id name type state attempt worker startedAt endedAt childId exitCode outputs decision'.split(
    ' ',
  );

interface InstanceJson {
  id: string;
  state: string;
  parentId: string | null;
  parentTask: string | null;
  parentTaskAttempt: number | null;
  scheduleTime: string | null;
  tasks: { name: string; type: string; state: string; childId: string | null }[];
}

describe('baton CLI against a running cluster', () => {
  let t: TestCluster;
  let home: string;
  let demoId: string;
  const cli = (...args: string[]): Promise<CliRun> =>
    baton(['--api', t.cluster.api.address, ...args], {
      BATON_HOME: home,
      BATON_TOKEN: t.adminToken,
      // The api serves TLS: the CLI trusts the cluster's CA.
      BATON_CA: t.cluster.caFile!,
    });
  const getJson = async (id: string): Promise<InstanceJson> => {
    const run = await cli('get', id, '--json');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as InstanceJson;
  };

  beforeAll(async () => {
    t = await startTestCluster('cli', { layout: { masters: 1, workers: 1, coordinators: 1 } });
    home = mkdtempSync(join(tmpdir(), 'baton-cli-home-'));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('applies the demo and runs it with --wait to SUCCESS, showing progress', async () => {
    for (const [file, name] of [
      ['demo-child.yaml', 'demo-child'],
      ['demo.yaml', 'demo'],
    ] as const) {
      const applied = await cli('apply', '-f', join(DEMO, file));
      expect(applied).toEqual({ code: 0, stdout: `applied ${name} version 1\n`, stderr: '' });
    }
    const run = await cli('start', 'demo', '--wait', '-p', 'day=2026-02-01');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d\d:\d\d:\d\d {2}extract +RUNNING +attempt 1 {2}worker-1$/m);
    expect(run.stdout).toMatch(/^\d\d:\d\d:\d\d {2}transform +RUNNING +attempt 1 {2}child \d+$/m);
    const last = run.stdout.trimEnd().split('\n').at(-1) ?? '';
    const match = /^instance (\d+) SUCCESS in \d+\.\ds$/.exec(last);
    expect(match, run.stdout).not.toBeNull();
    demoId = match?.[1] ?? '';
  });

  it('get --json prints every field, and links parent and child instances', async () => {
    const run = await cli('get', demoId, '--json');
    expect(run.code).toBe(0);
    const instance = JSON.parse(run.stdout) as InstanceJson & Record<string, unknown>;
    expect(Object.keys(instance).sort()).toEqual([...INSTANCE_FIELDS].sort());
    for (const task of instance.tasks) {
      expect(Object.keys(task).sort()).toEqual([...TASK_FIELDS].sort());
    }
    expect(instance).toMatchObject({ state: 'SUCCESS', parentId: null, parentTaskAttempt: null });
    const transform = instance.tasks.find((task) => task.name === 'transform');
    expect(transform?.type).toBe('SUB_WORKFLOW');
    expect(transform?.childId).toMatch(/^\d+$/);

    const child = await getJson(transform?.childId ?? '');
    expect(child).toMatchObject({
      state: 'SUCCESS',
      parentId: demoId,
      parentTask: 'transform',
      parentTaskAttempt: 1,
    });
    // Started without --schedule-time: it runs as of when it was recorded, and so does its child.
    expect(instance.scheduleTime).toBe(instance['createdAt']);
    expect(child.scheduleTime).toBe(instance.scheduleTime);
  });

  it('runs a branching definition: outputs passed on, the branches not taken SKIPPED in get --json', async () => {
    const file = join(home, 'branching.yaml');
    writeFileSync(
      file,
      [
        'name: cli-branching',
        'params: { region: eu }',
        'tasks:',
        '  - name: extract',
        '    type: SHELL',
        '    outputs: [rows, file]',
        '    command: |',
        "      echo '${setValue(rows=1001)}'",
        '      echo "file=/data/$[yyyyMMdd-1].csv" >> "$BATON_OUTPUT"',
        '  - name: route',
        '    type: SWITCH',
        '    dependsOn: [extract]',
        '    switch:',
        "      - { when: '${rows} > 1000', next: big-load }",
        '    default: small-load',
        "  - { name: big-load, type: SHELL, dependsOn: [route], command: 'echo big ${rows} ${file}' }",
        "  - { name: small-load, type: SHELL, dependsOn: [route], command: 'echo small' }",
        '',
      ].join('\n'),
    );
    expect((await cli('apply', '-f', file)).code).toBe(0);
    const run = await cli(
      'start',
      'cli-branching',
      '--wait',
      '--schedule-time',
      '2026-03-01T06:00:00Z',
    );
    expect([run.code, run.stderr]).toEqual([0, '']);
    const id = /^instance (\d+) SUCCESS/m.exec(run.stdout)?.[1] ?? '';
    const instance = await getJson(id);
    const byName = new Map(
      instance.tasks.map((task) => [task.name, task as typeof task & { outputs: unknown }]),
    );
    expect(byName.get('extract')?.outputs).toEqual({ rows: '1001', file: '/data/20260228.csv' });
    expect(byName.get('small-load')?.state).toBe('SKIPPED');
    expect(byName.get('route')?.state).toBe('SUCCESS');
    const logs = await cli('logs', id, 'big-load');
    expect(logs.stdout).toContain('big 1001 /data/20260228.csv');
  });

  it('logs prints what the task wrote', async () => {
    const run = await cli('logs', demoId, 'extract');
    expect(run).toEqual({
      code: 0,
      stdout: 'extracting data for 2026-02-01\nextracted 42 rows\n',
      stderr: '',
    });
  });

  it('list --json --state SUCCESS contains the instance', async () => {
    const run = await cli('list', '--json', '--state', 'SUCCESS');
    expect(run.code).toBe(0);
    const { instances } = JSON.parse(run.stdout) as { instances: InstanceJson[] };
    expect(instances.map((i) => i.id)).toContain(demoId);
    expect(instances.every((i) => i.state === 'SUCCESS')).toBe(true);
  });

  it('rejects an invalid definition naming the field, and stores nothing', async () => {
    const before = await cli('workflows', '--json');
    expect(before.code).toBe(0);
    const file = join(t.dir, 'invalid.yaml');
    writeFileSync(
      file,
      'name: broken\ntasks:\n  - { name: a, type: SHELL, command: "true", dependsOn: [nope] }\n',
    );
    for (const json of [[], ['--json']]) {
      const run = await cli('apply', '-f', file, ...json);
      expect(run.code).toBe(1);
      expectOneErrorLine(run, /^error: tasks\[0\]\.dependsOn\[0\]: .*nope/);
    }
    const after = await cli('workflows', '--json');
    expect(after.stdout).toBe(before.stdout);
  });

  it('start of an unknown workflow fails with a not-found message', async () => {
    const run = await cli('start', 'no-such-workflow');
    expect(run.code).toBe(1);
    expectOneErrorLine(run, /no-such-workflow.*(does not exist|not found)/);
  });

  it('start --schedule-time runs as that time, get shows it (text and JSON), a bad one starts nothing', async () => {
    const file = join(t.dir, 'dated.yaml');
    writeFileSync(file, 'name: dated\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n');
    expect((await cli('apply', '-f', file)).code).toBe(0);
    const started = await cli(
      'start',
      'dated',
      '--schedule-time',
      '2026-03-01T02:00:00+02:00',
      '--json',
    );
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    const { id, scheduleTime } = JSON.parse(started.stdout) as InstanceJson & { id: string };
    expect(scheduleTime).toBe('2026-03-01T00:00:00.000Z');
    expect((await getJson(id)).scheduleTime).toBe('2026-03-01T00:00:00.000Z');
    const text = await cli('get', id);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ {2}schedule time +2026-03-01T00:00:00\.000Z$/m);

    const count = async () => (await t.api.ListInstances({ workflow: 'dated' })).instances.length;
    const before = await count();
    for (const bad of ['2026-03-01', '2026-03-01T00:00:00', 'tomorrow']) {
      const run = await cli('start', 'dated', '--schedule-time', bad);
      expect(run.code).toBe(1);
      expectOneErrorLine(run, /^error: schedule_time: expected an RFC 3339 time with a zone/);
      expect(run.stderr).toContain(`got "${bad}"`);
    }
    expect(await count()).toBe(before);
  });

  it('stop ends a running instance STOP and kills its task', async () => {
    const file = join(t.dir, 'sleepy.yaml');
    writeFileSync(
      file,
      'name: sleepy\ntasks:\n  - { name: nap, type: SHELL, command: sleep 30 }\n',
    );
    expect((await cli('apply', '-f', file)).code).toBe(0);
    const started = await cli('start', 'sleepy');
    expect(started.code).toBe(0);
    const id = started.stdout.trim();
    await waitForInstance(t.api, id, (i) => i.tasks.some((task) => task.state === 'RUNNING'));

    const stop = await cli('stop', id, '--wait');
    expect(stop.stderr).toBe('');
    expect(stop.code).toBe(0);
    expect(stop.stdout).toMatch(new RegExp(`^instance ${id} STOP in \\d+\\.\\ds$`, 'm'));
    const stopped = await getJson(id);
    expect(stopped.state).toBe('STOP');
    expect(stopped.tasks.map((task) => task.state)).toEqual(['KILL']);
  });

  it('token create prints a secret once; a viewer token may read but not start; revoke ends it', async () => {
    const created = await cli('token', 'create', 'cli-viewer', '--role', 'viewer', '--json');
    expect(created.code).toBe(0);
    const { secret, role } = JSON.parse(created.stdout) as { secret: string; role: string };
    expect(role).toBe('viewer');
    const asViewer = (...args: string[]) =>
      baton(['--api', t.cluster.api.address, '--token', secret, ...args], {
        BATON_HOME: home,
        BATON_CA: t.cluster.caFile!,
      });
    expect((await asViewer('list', '--json')).code).toBe(0);
    const refused = await asViewer('start', 'demo');
    expect(refused.code).toBe(1);
    expectOneErrorLine(
      refused,
      /StartInstance needs role operator; token "cli-viewer" has role viewer/,
    );

    const list = await cli('token', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^cli-viewer +viewer /m);
    expect(list.stdout).not.toContain(secret);

    expect((await cli('token', 'revoke', 'cli-viewer')).code).toBe(0);
    const revoked = await asViewer('list');
    expect(revoked.code).toBe(1);
    expectOneErrorLine(revoked, /unknown or revoked token/);
  });

  it('without any token says where one would come from', async () => {
    const run = await baton(['--api', t.cluster.api.address, 'list'], {
      BATON_HOME: home,
      BATON_CA: t.cluster.caFile!,
    });
    expect(run.code).toBe(1);
    expectOneErrorLine(run, /needs a token.*--token.*BATON_TOKEN.*cluster\.json/);
  });

  it('names the address and suggests cluster up when no api answers (exit 2)', async () => {
    const port = await freePort();
    const run = await baton(['--api', `127.0.0.1:${port}`, 'list', '--json'], {
      BATON_HOME: home,
    });
    expect(run.code).toBe(2);
    expectOneErrorLine(run, new RegExp(`127\\.0\\.0\\.1:${port}.*baton cluster up`));
  });
});

describe('baton cluster without a cluster.json', () => {
  const home = mkdtempSync(join(tmpdir(), 'baton-cli-empty-'));
  const cli = (...args: string[]): Promise<CliRun> => baton(args, { BATON_HOME: home });

  it('status fails with a clear message', async () => {
    const run = await cli('cluster', 'status');
    expect(run.code).toBe(1);
    expectOneErrorLine(run, /no cluster in .*cluster\.json does not exist.*baton cluster up/);
  });

  it('down has nothing to do and succeeds', async () => {
    const text = await cli('cluster', 'down');
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(/^no cluster running in /);
    const json = await cli('cluster', 'down', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ home, stopped: [] });
  });

  it('api commands say where the api address would come from (exit 2)', async () => {
    const run = await cli('list');
    expect(run.code).toBe(2);
    expectOneErrorLine(run, /no api address: pass --api/);
  });
});

/** Gone, or a zombie nobody reaped (these processes are not the test's children). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

describe('baton cluster up, status and down', () => {
  // tmpfs when there is one: etcd and a durable MariaDB start much faster there.
  const parent = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const home = mkdtempSync(join(parent, 'baton-cli-up-'));
  const cli = (...args: string[]): Promise<CliRun> => baton(args, { BATON_HOME: home });

  afterAll(async () => {
    // Whatever the test did, leave no detached server behind.
    await cli('cluster', 'down');
    rmSync(home, { recursive: true, force: true });
  });

  it('starts a whole cluster, runs the demo, refuses a second up, and stops everything', async () => {
    const up = await cli('cluster', 'up', '--demo', '--masters', '1', '--workers', '1', '--json');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const file = JSON.parse(up.stdout) as {
      apiAddress: string;
      etcd: { pid: number };
      mariadb: { pid: number };
      processes: { name: string; pid: number }[];
      demo: { instance: { id: string; state: string } };
    };
    expect(file.processes.map((p) => p.name).sort()).toEqual([
      'api-1',
      'coordinator-1',
      'master-1',
      'worker-1',
    ]);
    expect(file.demo.instance.state).toBe('SUCCESS');
    const pids = [file.etcd.pid, file.mariadb.pid, ...file.processes.map((p) => p.pid)];

    const again = await cli('cluster', 'up');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/cluster already running.*baton cluster down/);

    const status = await cli('cluster', 'status', '--json');
    expect(status.code).toBe(0);
    const { processes } = JSON.parse(status.stdout) as { processes: { alive: boolean }[] };
    expect(processes).toHaveLength(6);
    expect(processes.every((p) => p.alive)).toBe(true);

    // Without --api the CLI finds the api through $BATON_HOME/cluster.json.
    const list = await cli('list', '--json');
    expect(list.code).toBe(0);
    const { instances } = JSON.parse(list.stdout) as { instances: { id: string }[] };
    expect(instances.map((i) => i.id)).toContain(file.demo.instance.id);

    const down = await cli('cluster', 'down');
    expect(down.code).toBe(0);
    expect(down.stdout).toMatch(/cluster down in/);
    expect(pids.filter(isRunning)).toEqual([]);
    expect(existsSync(join(home, 'cluster.json'))).toBe(false);
    expect(existsSync(join(home, 'mariadb'))).toBe(true);
  }, 120_000);
});
