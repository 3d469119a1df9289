/**
 * What a SHELL task can see and touch (issue 7): a scrubbed environment, a working directory of
 * its own, another user than a root worker's, no credential in its allow-list, a capped log.
 * Real worker processes; the start-up refusals spawn the worker directly.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceEntry } from '../services/cli/cluster/infra/repo-root.js';
import {
  startTestCluster,
  waitForEnd,
  type ApiClient,
  type TestCluster,
} from './support/test-cluster.js';

const LOG_CAP = 4096;
/** In the worker's environment: none of these names or values may reach a task. */
const SECRETS = {
  ETCD_PASSWORD: 'etcd-secret-5b1e07',
  BATON_TOKEN: 'baton-token-c93f4a',
  MYSQL_PASSWORD: 'mysql-secret-77d2e1',
};

const isRoot = process.getuid?.() === 0;

async function logOf(api: ApiClient, instanceId: string, task: string): Promise<string> {
  return (await api.GetTaskLog({ instance_id: instanceId, task })).content;
}

/** Applies a one-task workflow (`name`, task `t`) and runs it to its end. */
async function runOneTask(
  t: TestCluster,
  name: string,
  command: string,
  workerGroup = 'default',
): Promise<{ id: string; state: string; log: string }> {
  // JSON is YAML, and needs no quoting of the command.
  await t.api.ApplyWorkflow({
    yaml: JSON.stringify({ name, tasks: [{ name: 't', type: 'SHELL', command, workerGroup }] }),
  });
  const { id } = await t.api.StartInstance({ workflow: name });
  const ended = await waitForEnd(t.api, id);
  return { id, state: ended.state, log: await logOf(t.api, id, 't') };
}

describe('a task sees its params and an allow-list, in its own directory', () => {
  let t: TestCluster;
  let mysqlUrl: string;

  beforeAll(async () => {
    t = await startTestCluster('task-isolation', { layout: { workers: 0 } });
    mysqlUrl = t.database.url;
    // Workers get what a deployment's would: credentials in their environment.
    await t.cluster.add('worker', 'worker-1', {
      ...SECRETS,
      TASK_ENV_ALLOWLIST: 'PATH,LANG,ISOLATION_VISIBLE',
      ISOLATION_VISIBLE: 'allow-listed',
      MAX_TASK_LOG_BYTES: String(LOG_CAP),
    });
    // The data dir's parent is a 0700 temp dir; a task user must be able to pass through it.
    chmodSync(t.dir, 0o711);
    await t.cluster.add('worker', 'worker-2', {
      ...SECRETS,
      WORKER_GROUP: 'sandboxed',
      TASK_USER: 'nobody',
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('prints an environment without the worker credentials, and its own working dir', async () => {
    await t.api.ApplyWorkflow({
      yaml: [
        'name: env-dump',
        'params: { day: "2026-05-01" }',
        'tasks:',
        `  - { name: a, type: SHELL, command: 'env; echo "pwd=$(pwd)"' }`,
        `  - { name: b, type: SHELL, command: 'echo "pwd=$(pwd)"' }`,
      ].join('\n'),
    });
    const { id } = await t.api.StartInstance({ workflow: 'env-dump' });
    expect((await waitForEnd(t.api, id)).state).toBe('SUCCESS');
    const a = await logOf(t.api, id, 'a');
    const b = await logOf(t.api, id, 'b');
    expect(a).toContain('day=2026-05-01\n');
    expect(a).toContain('ISOLATION_VISIBLE=allow-listed\n');
    expect(a).toContain('BATON_TASK_NAME=a\n');
    const forbidden = [
      ...Object.entries(SECRETS).flat(),
      'MYSQL_URL',
      mysqlUrl,
      'ETCD_ENDPOINTS',
      'TASK_USER',
      'MAX_TASK_LOG_BYTES',
    ];
    const password = new URL(mysqlUrl).password;
    if (password !== '') forbidden.push(password);
    // The cluster's TLS material, when the test cluster runs with TLS.
    const keyFile = t.cluster.get('worker-1').spec.env['TLS_KEY_FILE'];
    if (keyFile !== undefined) forbidden.push('TLS_KEY_FILE', keyFile);
    for (const text of forbidden) expect(a, text).not.toContain(text);
    expect(a).not.toMatch(/^(ETCD|MYSQL|TLS)_/m);

    const work = join(t.dir, 'worker-1', 'work');
    const pwdA = /^pwd=(.*)$/m.exec(a)?.[1];
    const pwdB = /^pwd=(.*)$/m.exec(b)?.[1];
    expect(pwdA?.startsWith(`${work}/`)).toBe(true);
    expect(pwdB?.startsWith(`${work}/`)).toBe(true);
    expect(pwdA).not.toBe(pwdB);
  });

  it('runs as TASK_USER, which can neither read nor write the worker data dir', async () => {
    const dataDir = join(t.dir, 'worker-2');
    const key = join(dataDir, 'fake-key.pem');
    writeFileSync(key, 'FAKE-PRIVATE-KEY-CONTENT\n', { mode: 0o600 });
    const probe = (what: string, command: string): string =>
      `if ${command} >/dev/null 2>&1; then echo "${what}=yes"; else echo "${what}=no"; fi`;
    // The worker's own TLS key, when the test cluster runs with TLS.
    const tlsKey = t.cluster.get('worker-2').spec.env['TLS_KEY_FILE'] ?? key;
    const command = [
      'echo "uid=$(id -u) groups=$(id -G)"',
      probe('read-tls-key', `cat ${tlsKey}`),
      'echo "home=$HOME pwd=$(pwd)"',
      probe('read-key', `cat ${key}`),
      probe('list-data-dir', `ls ${dataDir}`),
      probe('list-logs', `ls ${dataDir}/logs`),
      probe('write-data-dir', `touch ${dataDir}/escape`),
      probe('write-home', 'echo ok > "$HOME/inside.txt"'),
      'echo to-stdout > /dev/stdout',
      'echo to-stderr > /dev/stderr',
    ].join('; ');
    const run = await runOneTask(t, 'as-nobody', command, 'sandboxed');
    expect(run.state).toBe('SUCCESS');
    const uid = execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim();
    // Only nobody's own group: root's supplementary groups are not inherited.
    expect(run.log).toContain(`uid=${uid} groups=${gid}\n`);
    const [, home, pwd] = /^home=(\S*) pwd=(\S*)$/m.exec(run.log) ?? [];
    expect(pwd?.startsWith(`${join(dataDir, 'work')}/`)).toBe(true);
    expect(home).toBe(pwd);
    expect(run.log).toContain('read-key=no\n');
    expect(run.log).toContain('read-tls-key=no\n');
    expect(run.log).not.toContain('FAKE-PRIVATE-KEY-CONTENT');
    expect(run.log).toContain('list-data-dir=no\n');
    expect(run.log).toContain('list-logs=no\n');
    expect(run.log).toContain('write-data-dir=no\n');
    expect(existsSync(join(dataDir, 'escape'))).toBe(false);
    expect(run.log).toContain('write-home=yes\n');
    // Output is a real pipe the task user may reopen, as scripts do.
    expect(run.log).toContain('to-stdout\nto-stderr\n');
  });

  it('caps the stored log with a marker and lets the task run on', async () => {
    // 10,000 bytes, then 5 more after the cap was long reached: the task is not stopped.
    const run = await runOneTask(
      t,
      'chatty',
      `head -c 10000 /dev/zero | tr '\\0' x; echo tail; head -c 3000000 /dev/zero`,
    );
    expect(run.state).toBe('SUCCESS');
    const dropped = 10_000 - LOG_CAP + 5 + 3_000_000;
    expect(run.log).toBe(
      `${'x'.repeat(LOG_CAP)}\n[baton: log truncated: ${dropped} bytes dropped]\n`,
    );
  });

  it('serves the log of a running task incrementally', async () => {
    const gate = join(t.dir, 'gate');
    const command = `echo first; while [ ! -e ${gate} ]; do sleep 0.05; done; echo second`;
    await t.api.ApplyWorkflow({
      yaml: JSON.stringify({ name: 'slow-writer', tasks: [{ name: 't', type: 'SHELL', command }] }),
    });
    const { id } = await t.api.StartInstance({ workflow: 'slow-writer' });
    let first: { content: string; next_offset: string; complete: boolean } | undefined;
    await expect
      .poll(
        async () => {
          first = await t.api.GetTaskLog({ instance_id: id, task: 't' }).catch(() => undefined);
          return first?.content;
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBe('first\n');
    expect(first?.complete).toBe(false);
    writeFileSync(gate, '');
    expect((await waitForEnd(t.api, id)).state).toBe('SUCCESS');
    const rest = await t.api.GetTaskLog({ instance_id: id, task: 't', offset: first!.next_offset });
    expect([rest.content, rest.complete]).toEqual(['second\n', true]);
  });
});

interface Start {
  code: number | null;
  stderr: string;
}

/** Starts a worker process directly and waits for it to exit (it should, at once). */
function startWorker(env: Record<string, string>, uid?: number): Promise<Start> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-worker-start-'));
  if (uid !== undefined) chownSync(dir, uid, uid);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [serviceEntry('worker')],
      {
        env: {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          // Nothing listens there: every refusal must come before the worker connects.
          ETCD_ENDPOINTS: '127.0.0.1:9',
          MYSQL_URL: 'mysql://baton:pw@127.0.0.1:9/baton',
          WORKER_DATA_DIR: join(dir, 'data'),
          ...env,
        },
        timeout: 20_000,
        ...(uid === undefined ? {} : { uid, gid: uid }),
      },
      (error, _stdout, stderr) => {
        rmSync(dir, { recursive: true, force: true });
        resolve({
          code: error === null ? 0 : ((error.code as number | undefined) ?? null),
          stderr,
        });
      },
    );
  });
}

describe('a worker refuses to start with unsafe task settings', () => {
  it.runIf(isRoot)('as root, without TASK_USER or ALLOW_ROOT_TASKS', async () => {
    const start = await startWorker({});
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(
      /^worker failed to start: .*set TASK_USER.*ALLOW_ROOT_TASKS=true\n$/,
    );
  });

  it.runIf(isRoot)('as root, with TASK_USER=root and without ALLOW_ROOT_TASKS', async () => {
    const start = await startWorker({ TASK_USER: 'root' });
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(/refusing to run tasks as root/);
  });

  it('with a TASK_USER that does not exist', async () => {
    const start = await startWorker({ TASK_USER: 'no-such-user-b4t0n', ALLOW_ROOT_TASKS: 'true' });
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(
      /^worker failed to start: TASK_USER: no user named "no-such-user-b4t0n"/,
    );
  });

  it('not as root, with a TASK_USER other than itself', async () => {
    const nobody = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }));
    // As root (here and in CI) the worker itself runs as nobody; otherwise as whoever runs this.
    const start = isRoot
      ? await startWorker({ TASK_USER: 'root' }, nobody)
      : await startWorker({ TASK_USER: 'root' });
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(/TASK_USER: names uid 0, but the worker runs as uid \d+/);
  });

  it.each(['MYSQL_URL', 'ETCD_PASSWORD_FILE', 'TLS_KEY_FILE', 'BATON_TOKEN'])(
    'with %s in TASK_ENV_ALLOWLIST',
    async (name) => {
      const start = await startWorker({
        TASK_ENV_ALLOWLIST: `PATH,${name},LANG`,
        ALLOW_ROOT_TASKS: 'true',
      });
      expect(start.code).toBe(1);
      expect(start.stderr).toMatch(
        new RegExp(`^worker failed to start: TASK_ENV_ALLOWLIST: names ${name}, a credential`),
      );
    },
  );
});
