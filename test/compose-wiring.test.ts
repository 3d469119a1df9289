/**
 * deploy/compose.yaml is wired right. Debian's docker-compose accepts it; and every Baton
 * service in it, started as a real process with exactly the command, environment and
 * healthcheck compose gives it (cwd = the repository, standing for the image's /app), forms a
 * working cluster. Container host names become local addresses by one generic rule
 * (test/support/compose-local.ts): each container its own 127.x.y.N, mysql:3306 the run's
 * MariaDB, jaeger:4317 a stand-in OTLP receiver. The `init` service's script runs first, here,
 * with its volumes as local directories: the certificates it makes (with each container's local
 * address added, as Docker's DNS name is in them) and the MySQL password it writes are what the
 * three etcd members (run from compose's own command lines, TLS and client-certificate auth on)
 * and the Baton services use.
 */
import { execFile } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { Etcd3 } from 'etcd3';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { issueToken } from '../shared/auth/issue-token.js';
import { etcdClientSettings } from '../shared/config/etcd-client-settings.js';
import { resolveMysqlUrl } from '../shared/config/mysql-url.js';
import { connectEtcd } from '../shared/etcd/connect.js';
import { EtcdKeys, type Role } from '../shared/etcd/keys.js';
import { parseMemberInfo } from '../shared/etcd/members.js';
import { ChannelPool, makeServiceClient } from '../shared/grpc/client.js';
import { ensureDockerCompose } from '../services/cli/cluster/infra/debian-packages.js';
import { repoRoot } from '../services/cli/cluster/infra/repo-root.js';
import {
  waitUntilReady,
  type ServerProcess,
} from '../services/cli/cluster/infra/server-process.js';
import { batonProto } from '../shared/proto/load.js';
import {
  batonRole,
  parseCompose,
  readComposeFile,
  type ComposeService,
} from './support/compose-file.js';
import { ComposeHosts } from './support/compose-local.js';
import { CLI, localArgv, spawnComposeProcess } from './support/compose-process.js';
import { createComposeDatabase } from './support/compose-mysql.js';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver.js';
import { waitForEnd, type ApiClient } from './support/test-cluster.js';
import { caOnlyCredentials } from '../shared/tls/credentials.js';

const ROOT = repoRoot();
const COMPOSE_FILE = join(ROOT, 'deploy', 'compose.yaml');
/** compose.yaml leaves ETCD_PREFIX at its default, and so does this test (on its own etcd). */
const DEFAULT_PREFIX = '/baton/';

const services = readComposeFile(COMPOSE_FILE);
const batonServices = [...services.values()].filter((s) => batonRole(s) !== undefined);
const etcdServices = [...services.values()].filter((s) => /(^|\/)etcd:/.test(s.image ?? ''));
const initService = services.get('init');

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
    for (const ours of [...batonServices, ...etcdServices, initService!]) {
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
  /** Where the compose file's named volumes live here, one directory each. */
  const volumes = join(dir, 'volumes');
  const started: Started[] = [];
  const etcdServers: ServerProcess[] = [];
  let channels: ChannelPool | undefined;
  let etcd: Etcd3 | undefined;
  let jaeger: OtlpReceiver | undefined;
  let hosts: ComposeHosts;
  let api: ApiClient;
  let dropDatabase = async (): Promise<void> => {};

  beforeAll(async () => {
    jaeger = await startOtlpReceiver();
    const standIns = new Map<string, string>();
    const mysqlHost = new URL(inject('mysqlUrl')).host;
    let mysqlService: ComposeService | undefined;
    for (const s of services.values()) {
      const image = s.image ?? '';
      if (/^(mysql|mariadb):/.test(image)) {
        standIns.set(`${s.name}:3306`, mysqlHost);
        mysqlService = s;
      }
      if (/^jaegertracing\//.test(image)) {
        standIns.set(`${s.name}:4317`, new URL(jaeger.endpoint).host);
      }
    }
    const local = new Set([...batonServices, ...etcdServices].map((s) => s.name));
    hosts = new ComposeHosts([...services.keys()], local, standIns);
    const init = await runInit();
    expect(init, init.stderr).toMatchObject({ code: 0 });
    dropDatabase = await createComposeDatabase(
      mysqlService!,
      await hosts.environment(mysqlService!, volumes),
    );

    for (const service of etcdServices) {
      const env = await hosts.environment(service, volumes);
      const argv = await hosts.argv(service, volumes);
      const path = { PATH: process.env['PATH'] };
      etcdServers.push(
        await spawnComposeProcess(service.name, argv, { ...path, ...env }, dir, 10_000),
      );
    }
    // The test reaches etcd as an operator would: with the `client` certificate.
    const apiService = batonServices.find((s) => batonRole(s) === 'api')!;
    const apiSettings = await hosts.environment(apiService, volumes);
    const certs = dirname(apiSettings['ETCD_CA_FILE']!);
    etcd = connectEtcd(
      etcdClientSettings({
        ETCD_ENDPOINTS: apiSettings['ETCD_ENDPOINTS']!.split(','),
        ETCD_CA_FILE: join(certs, 'ca.pem'),
        ETCD_CERT_FILE: join(certs, 'client.pem'),
        ETCD_KEY_FILE: join(certs, 'client-key.pem'),
      }),
    );
    // A linearizable read needs a quorum: the three members found each other over peer TLS.
    await Promise.all(
      etcdServers.map((server, i) =>
        waitUntilReady(server, etcdServices[i]!.name, 60_000, () => etcd!.get('/ready').string()),
      ),
    );

    const asRoot = process.getuid?.() === 0 ? { ALLOW_ROOT_TASKS: 'true' } : {};
    for (const service of batonServices) {
      const env = await hosts.environment(service, volumes);
      // The container's environment: the image's (Dockerfile ENV) plus compose's. The image
      // runs as `node`; where this test runs as root, workers are told root is meant.
      const container = { PATH: process.env['PATH'], HOME: dir, NODE_ENV: 'production' };
      const server = await spawnComposeProcess(
        service.name,
        service.command ?? [],
        { ...container, ...asRoot, ...env },
        dir,
        20_000,
      );
      started.push({ service, role: batonRole(service)!, env, server });
    }
    await Promise.all(started.map((s) => waitUntilRegistered(s)));
    // Where compose publishes the api's port on the host: its LISTEN address, mapped. The
    // operator trusts the CA copied out of the volume, and bootstraps a token in MySQL with
    // the password from the secrets volume.
    const apiEnv = started.find((s) => s.role === 'api')!.env;
    channels = new ChannelPool(caOnlyCredentials(readFileSync(apiEnv['TLS_CA_FILE']!)));
    const token = await issueToken(
      resolveMysqlUrl({
        MYSQL_URL: apiEnv['MYSQL_URL']!,
        MYSQL_PASSWORD_FILE: apiEnv['MYSQL_PASSWORD_FILE'],
      }),
      'compose-wiring',
      'admin',
      'test/compose-wiring.test.ts',
    );
    api = makeServiceClient(batonProto().BatonApi.service, channels.get(apiEnv['LISTEN']!), {
      token,
    });
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const s of [...started.map((x) => x.server), ...etcdServers]) {
      console.log(`--- end of ${s.logFile}\n${await s.logTail()}`);
    }
  });

  afterAll(async () => {
    await Promise.allSettled(started.map((s) => s.server.stop()));
    channels?.close();
    await jaeger?.close();
    etcd?.close();
    await Promise.allSettled(etcdServers.map((s) => s.stop()));
    await dropDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * The init service's command, run here: `baton` on PATH is the CLI, its volumes are local
   * directories, and every certificate member that is a compose service gets its local address.
   */
  async function runInit(): Promise<Run> {
    const argv = await hosts.argv(initService!, volumes);
    const withAddresses = argv.map((arg, i) =>
      argv[i - 1] === '--member' ? hosts.certificateMember(arg) : arg,
    );
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'baton'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'baton'), 0o755);
    const [command, args] = await localArgv(withAddresses);
    const path = [bin, dirname(process.execPath), process.env['PATH']].join(delimiter);
    return run(command, args, {
      PATH: path,
      ...(await hosts.environment(initService!, volumes)),
    });
  }

  /** Ready once registered in etcd under its NODE_NAME by this very process. */
  async function waitUntilRegistered({ service, role, env, server }: Started): Promise<void> {
    const name = env['NODE_NAME'];
    expect(name, `${service.name} sets NODE_NAME`).toBeDefined();
    const key = new EtcdKeys(env['ETCD_PREFIX'] ?? DEFAULT_PREFIX).member(role, name!);
    await waitUntilReady(server, service.name, 60_000, async () => {
      const info = parseMemberInfo((await etcd!.get(key).string()) ?? '');
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

  it("init made certificates and passwords once: private files 0600, each its reader's", async () => {
    const initEnv = await hosts.environment(initService!, volumes);
    const certs = initEnv['CERTS_DIR']!;
    const secrets = initEnv['SECRETS_DIR']!;
    const snapshot = (): Record<string, string> =>
      Object.fromEntries(
        [certs, secrets].flatMap((d) =>
          readdirSync(d).map((f) => [join(d, f), readFileSync(join(d, f), 'hex')]),
        ),
      );
    const before = snapshot();
    const again = await runInit();
    expect(again, again.stderr).toMatchObject({ code: 0 });
    expect(snapshot(), 'a second start keeps every file').toEqual(before);

    const mode = (path: string): number => statSync(path).mode & 0o777;
    for (const file of readdirSync(certs)) {
      expect(mode(join(certs, file)), file).toBe(file.endsWith('-key.pem') ? 0o600 : 0o644);
    }
    const secretFiles = readdirSync(secrets).sort();
    expect(secretFiles).toEqual(['baton-mysql-password', 'mysql-password', 'mysql-root-password']);
    for (const file of secretFiles) expect(mode(join(secrets, file)), file).toBe(0o600);
    const read = (file: string): string => readFileSync(join(secrets, file), 'utf8');
    expect(read('baton-mysql-password')).toBe(read('mysql-password'));
    expect(read('mysql-root-password')).not.toBe(read('mysql-password'));
    expect(read('mysql-password')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    if (process.getuid?.() === 0) {
      // As root (as in the container) each private file went to the uid that reads it.
      const owner = (path: string): number => statSync(path).uid;
      const { BATON_UID: baton, MYSQL_UID: mysqlUid } = initEnv;
      expect(owner(join(secrets, 'baton-mysql-password'))).toBe(Number(baton));
      expect(owner(join(secrets, 'mysql-password'))).toBe(Number(mysqlUid));
      expect(owner(join(secrets, 'mysql-root-password'))).toBe(Number(mysqlUid));
      expect(owner(join(certs, 'ca-key.pem'))).toBe(0);
      expect(owner(join(certs, 'etcd-1-key.pem'))).toBe(0);
      expect(owner(join(certs, 'master-1-key.pem'))).toBe(Number(baton));
      expect(owner(join(certs, 'client-key.pem'))).toBe(Number(baton));
    }
    // The services' URL names the user only; the password comes from the file.
    for (const s of started) expect(new URL(s.env['MYSQL_URL']!).password, s.service.name).toBe('');
  });

  it('etcd refuses a client without a certificate from the cluster CA', async () => {
    const apiEnv = started.find((s) => s.role === 'api')!.env;
    const anonymous = connectEtcd(
      etcdClientSettings({
        ETCD_ENDPOINTS: apiEnv['ETCD_ENDPOINTS']!.split(','),
        ETCD_CA_FILE: apiEnv['ETCD_CA_FILE'],
      }),
    );
    try {
      await expect(anonymous.get('/baton/').string()).rejects.toThrow();
    } finally {
      anonymous.close();
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
      const [command, args] = await localArgv(argv);
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

function byName(a: { name?: string }, b: { name?: string }): number {
  return (a.name ?? '').localeCompare(b.name ?? '');
}
