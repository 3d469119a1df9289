/**
 * `baton health`, the probe compose healthchecks run: the built CLI as a child process against
 * a real cluster's processes, against a gRPC server whose health is NOT_SERVING, and against an
 * address where nothing listens.
 */
import { ROLE_SERVICES } from './support/health-check.js';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceHealth } from '../shared/grpc/health.js';
import { freePort } from '../services/cli/cluster/infra/free-port.js';
import { repoRoot } from '../services/cli/cluster/infra/repo-root.js';
import { startTestCluster, type TestCluster } from './support/test-cluster.js';

const CLI = join(repoRoot(), 'dist', 'services', 'cli', 'main.js');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function health(...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, 'health', ...args],
      { timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('baton health against a running cluster', () => {
  let t: TestCluster;

  beforeAll(async () => {
    t = await startTestCluster('cli-health', {
      layout: { masters: 1, workers: 1, coordinators: 1 },
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** The cluster's operator certificate (role client): internal services require one. */
  const tls = (): string[] => {
    const files = t.cluster.operatorFiles()!;
    return ['--ca', files.caFile, '--cert', files.certFile, '--key', files.keyFile];
  };

  it.each(ROLE_SERVICES)('exits 0 for a SERVING %s, overall and for %s', async (role, service) => {
    const address = t.cluster.ofRole(role)[0]!.address;
    expect(await health(address, ...tls())).toEqual({
      code: 0,
      stdout: `${address}: SERVING\n`,
      stderr: '',
    });
    const json = await health(address, '--service', service, '--json', ...tls());
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout)).toEqual({ address, service, status: 'SERVING' });
  });

  it('exits 1 naming the service a process does not serve', async () => {
    const address = t.cluster.api.address;
    // The api's TLS needs only the CA (its clients have tokens, not certificates).
    const run = await health(address, '--service', 'baton.v1.Master', '--ca', t.cluster.caFile!);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: ${address} does not serve baton.v1.Master\n`,
    });
  });
});

describe('baton health without a SERVING process', () => {
  const server = new grpc.Server();
  const status = new ServiceHealth(['baton.v1.Master']);
  let address = '';

  beforeAll(async () => {
    status.addTo(server);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) =>
        err ? reject(err) : resolve(bound),
      ),
    );
    address = `127.0.0.1:${port}`;
  });
  afterAll(() => {
    server.forceShutdown();
  });

  it('exits 1 while the process is NOT_SERVING, and 0 once it is SERVING', async () => {
    expect(await health(address)).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: ${address} is NOT_SERVING\n`,
    });
    const json = await health(address, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ address, service: '', status: 'NOT_SERVING' });
    status.set(true);
    expect((await health(address, '--service', 'baton.v1.Master')).code).toBe(0);
  });

  it('exits 1 (never 2, which Docker reserves) when nothing listens', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    const run = await health(dead, '--json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^error: cannot reach ${dead} \\(.*ECONNREFUSED.*\\)\\n$`),
    );
  });

  it('rejects a timeout that is not a positive number of milliseconds', async () => {
    const run = await health(address, '--timeout', '0');
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: --timeout: expected a positive integer, got "0"\n',
    });
  });
});
