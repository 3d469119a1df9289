/**
 * deploy/compose.yaml is wired right. Debian's docker-compose accepts it; and every Baton
 * service in it, started as a real process with exactly the command, environment and
 * healthcheck compose gives it (cwd = the repository, standing for the image's /app), forms a
 * working cluster. Container host names become local addresses by one generic rule
 * (test/support/compose-local.ts): each container its own 127.x.y.N, etcd-N:2379 the run's etcd,
 * mysql:3306 the run's MariaDB, jaeger:4317 a stand-in OTLP receiver.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import mysql from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { EtcdKeys, type Role } from '../shared/etcd/keys.js';
import { parseMemberInfo } from '../shared/etcd/members.js';
import { ChannelPool, makeServiceClient } from '../shared/grpc/client.js';
import { ensureDockerCompose } from '../shared/local-infra/debian-packages.js';
import { repoRoot } from '../shared/local-infra/repo-root.js';
import {
  spawnServer,
  waitUntilReady,
  type ServerProcess,
} from '../shared/local-infra/server-process.js';
import { batonProto } from '../shared/proto/load.js';
import {
  batonRole,
  parseCompose,
  readComposeFile,
  type ComposeService,
} from './support/compose-file.js';
import { ComposeHosts } from './support/compose-local.js';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver.js';
import { waitForEnd, type ApiClient } from './support/test-cluster.js';
import { etcdEndpoint } from './support/test-env.js';

const ROOT = repoRoot();
const COMPOSE_FILE = join(ROOT, 'deploy', 'compose.yaml');
const CLI = join(ROOT, 'dist', 'services', 'cli', 'main.js');
/**
 * compose.yaml leaves ETCD_PREFIX at its default, and so does this test. No other test writes
 * there on the run's etcd (test clusters take uniqueEtcdPrefix(), `cluster up` runs its own
 * etcd); beforeAll checks that it is empty.
 */
const DEFAULT_PREFIX = '/baton/';

const services = readComposeFile(COMPOSE_FILE);
const batonServices = [...services.values()].filter((s) => batonRole(s) !== undefined);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Compose's exec form run here: `node` is this Node, `baton` the CLI the image links. */
function localArgv(argv: string[]): [string, string[]] {
  const [program, ...args] = argv;
  if (program === 'node') return [process.execPath, args];
  if (program === 'baton') return [process.execPath, [CLI, ...args]];
  throw new Error(`cannot run ${argv.join(' ')} here`);
}

describe('deploy/compose.yaml as docker-compose reads it', () => {
  it('has one api, 2 coordinators, 3 masters and 3 workers', () => {
    const counts: Record<string, number> = {};
    for (const s of batonServices) counts[batonRole(s)!] = (counts[batonRole(s)!] ?? 0) + 1;
    expect(counts).toEqual({ api: 1, coordinator: 2, master: 3, worker: 3 });
  });

  it('passes docker-compose config, which resolves each Baton service as this test does', async () => {
    const compose = await ensureDockerCompose((line) => console.log(`[docker-compose] ${line}`));
    const quiet = await run(compose, ['-f', COMPOSE_FILE, 'config', '-q']);
    expect(quiet, quiet.stderr).toMatchObject({ code: 0 });
    const full = await run(compose, ['-f', COMPOSE_FILE, 'config']);
    expect(full.code, full.stderr).toBe(0);
    const resolved = parseCompose(full.stdout);
    for (const ours of batonServices) {
      const theirs = resolved.get(ours.name);
      const { command, environment, healthcheck } = ours;
      expect(theirs, ours.name).toMatchObject({ command, environment, healthcheck });
    }
  }, 600_000);
});

interface Started {
  service: ComposeService;
  role: Role;
  env: Record<string, string>;
  server: ServerProcess;
}

describe('every Baton service of deploy/compose.yaml as a local process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-compose-'));
  const started: Started[] = [];
  const channels = new ChannelPool();
  const etcd = new Etcd3({ hosts: etcdEndpoint() });
  let jaeger: OtlpReceiver | undefined;
  let hosts: ComposeHosts;
  let api: ApiClient;
  let dropDatabase = async (): Promise<void> => {};
  let prefixIsOurs = false;

  beforeAll(async () => {
    expect(await etcd.getAll().prefix(DEFAULT_PREFIX).count(), 'keys under /baton/').toBe(0);
    prefixIsOurs = true;
    jaeger = await startOtlpReceiver();
    const standIns = new Map<string, string>();
    const etcdHost = new URL(etcdEndpoint()).host;
    const mysqlHost = new URL(inject('mysqlUrl')).host;
    for (const s of services.values()) {
      const image = s.image ?? '';
      if (/(^|\/)etcd:/.test(image)) standIns.set(`${s.name}:2379`, etcdHost);
      if (/^(mysql|mariadb):/.test(image)) {
        standIns.set(`${s.name}:3306`, mysqlHost);
        dropDatabase = await createComposeDatabase(s);
      }
      if (/^jaegertracing\//.test(image)) {
        standIns.set(`${s.name}:4317`, new URL(jaeger.endpoint).host);
      }
    }
    const local = new Set(batonServices.map((s) => s.name));
    hosts = new ComposeHosts([...services.keys()], local, standIns);
    for (const service of batonServices) {
      const env = await hosts.environment(service, join(dir, 'volumes'));
      const [command, args] = localArgv(service.command ?? []);
      const server = await spawnServer({
        name: service.name,
        command,
        args,
        cwd: ROOT,
        logFile: join(dir, `${service.name}.log`),
        detached: false,
        stopGraceMs: 20_000,
        // The container's environment: the image's (Dockerfile ENV) plus compose's.
        env: { PATH: process.env['PATH'], HOME: dir, NODE_ENV: 'production', ...env },
      });
      started.push({ service, role: batonRole(service)!, env, server });
    }
    await Promise.all(started.map((s) => waitUntilRegistered(s)));
    // Where compose publishes the api's port on the host: its LISTEN address, mapped.
    const apiEnv = started.find((s) => s.role === 'api')!.env;
    api = makeServiceClient(batonProto().BatonApi.service, channels.get(apiEnv['LISTEN']!));
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const s of started) {
      console.log(`--- end of ${s.server.logFile}\n${await s.server.logTail()}`);
    }
  });

  afterAll(async () => {
    await Promise.allSettled(started.map((s) => s.server.stop()));
    channels.close();
    await jaeger?.close();
    if (prefixIsOurs) await etcd.delete().prefix(DEFAULT_PREFIX);
    etcd.close();
    await dropDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Ready once registered in etcd under its NODE_NAME by this very process. */
  async function waitUntilRegistered({ service, role, env, server }: Started): Promise<void> {
    const name = env['NODE_NAME'];
    expect(name, `${service.name} sets NODE_NAME`).toBeDefined();
    const key = new EtcdKeys(env['ETCD_PREFIX'] ?? DEFAULT_PREFIX).member(role, name!);
    await waitUntilReady(server, service.name, 60_000, async () => {
      const info = parseMemberInfo((await etcd.get(key).string()) ?? '');
      if (info?.pid !== server.pid) throw new Error('not registered yet');
    });
  }

  it('every process registered with its NODE_NAME, role and ADVERTISE_ADDRESS', async () => {
    const { members } = await api.ListMembers({});
    const seen = members.map((m) => ({ name: m.name, role: m.role, address: m.address }));
    const wanted = started.map((s) => ({
      name: s.env['NODE_NAME'],
      role: s.role,
      address: s.env['ADVERTISE_ADDRESS'],
    }));
    expect(seen.sort(byName)).toEqual(wanted.sort(byName));
    // Each advertises its own container's address, not another's.
    for (const s of started) {
      expect(s.env['ADVERTISE_ADDRESS']?.split(':')[0], s.service.name).toBe(
        hosts.ipOf(s.service.name),
      );
    }
  });

  it('runs a workflow with a SHELL task and a SUB_WORKFLOW child to SUCCESS', async () => {
    for (const file of ['demo-child.yaml', 'demo.yaml']) {
      await api.ApplyWorkflow({ yaml: readFileSync(join(ROOT, 'deploy', 'demo', file), 'utf8') });
    }
    const { id } = await api.StartInstance({ workflow: 'demo', params: { day: '2026-03-01' } });
    const ended = await waitForEnd(api, id, 60_000);
    expect(ended.state).toBe('SUCCESS');
    const transform = ended.tasks.find((t) => t.name === 'transform');
    expect((await api.GetInstance({ id: transform?.child_id ?? '' })).state).toBe('SUCCESS');
    // Served by the worker at its ADVERTISE_ADDRESS, from its WORKER_DATA_DIR volume.
    const log = await api.GetTaskLog({ instance_id: id, task: 'extract', attempt: 0 });
    expect(log.content).toContain('extracting data for 2026-03-01');
    const worker = started.find((s) => s.env['NODE_NAME'] === log.worker);
    expect(worker?.role).toBe('worker');
    expect(readdirSync(worker!.env['WORKER_DATA_DIR']!).length).toBeGreaterThan(0);
  });

  it("every service's compose healthcheck exits 0", async () => {
    for (const s of started) {
      expect(s.service.healthcheck, `${s.service.name} has a healthcheck`).toBeDefined();
      const argv = await Promise.all(
        (s.service.healthcheck ?? []).map((arg) => hosts.map(arg, s.service.name)),
      );
      const [command, args] = localArgv(argv);
      const check = await run(command, args, { PATH: process.env['PATH'], ...s.env });
      expect(check, `${s.service.name}: ${argv.join(' ')}: ${check.stderr}`).toMatchObject({
        code: 0,
      });
      expect(check.stdout).toMatch(/: SERVING\n$/);
    }
  });

  it('every service serves Prometheus metrics at METRICS_LISTEN', async () => {
    for (const s of started) {
      const response = await fetch(`http://${s.env['METRICS_LISTEN']}/metrics`);
      expect(response.status, s.service.name).toBe(200);
      expect(await response.text()).toMatch(/^# (HELP|TYPE) /m);
    }
  });

  it('traces reach the OTLP endpoint compose names, under each OTEL_SERVICE_NAME', async () => {
    // The api, a master and a worker served the workflow's calls; the batch span processor
    // exports every few seconds.
    const byNode = new Map(started.map((s) => [s.env['NODE_NAME'], s]));
    const rolesSeen = (): string[] => {
      const spans = jaeger?.spans() ?? [];
      return [...new Set(spans.map((span) => byNode.get(span.node)?.role ?? span.node))].sort();
    };
    await expect
      .poll(rolesSeen, { timeout: 20_000 })
      .toEqual(expect.arrayContaining(['api', 'master', 'worker']));
    for (const span of jaeger?.spans() ?? []) {
      expect(span.service, span.node).toBe(byNode.get(span.node)?.env['OTEL_SERVICE_NAME']);
    }
  });
});

/**
 * Creates the database and user compose's MySQL service is told to create (MYSQL_DATABASE,
 * MYSQL_USER, MYSQL_PASSWORD) on the run's MariaDB; returns what drops them again. A user that
 * exists already is left alone (the run's own account is `baton` too, with the same password).
 */
async function createComposeDatabase(service: ComposeService): Promise<() => Promise<void>> {
  const { MYSQL_DATABASE: db, MYSQL_USER: user, MYSQL_PASSWORD: password } = service.environment;
  if (db === undefined || user === undefined || password === undefined) {
    throw new Error(`${service.name} sets no MYSQL_DATABASE, MYSQL_USER and MYSQL_PASSWORD`);
  }
  const connection = await mysql.createConnection(inject('mysqlUrl'));
  let createdUser = false;
  try {
    await connection.query(`CREATE DATABASE \`${db}\``);
    const [users] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT 1 FROM mysql.user WHERE User = ? AND Host = '%'`,
      [user],
    );
    if (users.length === 0) {
      await connection.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [user, password]);
      createdUser = true;
    }
    await connection.query(`GRANT ALL PRIVILEGES ON \`${db}\`.* TO ?@'%'`, [user]);
  } finally {
    await connection.end();
  }
  return async () => {
    const again = await mysql.createConnection(inject('mysqlUrl'));
    try {
      await again.query(`DROP DATABASE IF EXISTS \`${db}\``);
      if (createdUser) await again.query(`DROP USER IF EXISTS ?@'%'`, [user]);
    } finally {
      await again.end();
    }
  };
}

function byName(a: { name?: string }, b: { name?: string }): number {
  return (a.name ?? '').localeCompare(b.name ?? '');
}
