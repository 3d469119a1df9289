/**
 * The local cluster keeps its credentials out of source and away from other users: MariaDB's
 * account password is random, made on the first start and kept (0600) in the data dir; the
 * cluster file that carries it (and the admin token) is 0600.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMariaDb } from '../services/cli/cluster/infra/mariadb-server.js';
import { writeClusterFile, clusterFilePath } from '../services/cli/cluster/cluster-file.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function scratch(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `baton-${label}-`));
  dirs.push(dir);
  return dir;
}

describe('local credentials', () => {
  it('MariaDB: a random account password, kept 0600 in the data dir and reused on restart', async () => {
    const dataDir = join(await scratch('maria-pw'), 'mariadb');
    const first = await startMariaDb({ dataDir, durable: false });
    await first.stop();
    expect(first.password).not.toBe('baton');
    expect(first.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const files = (await readdir(dataDir)).filter((f) => f.endsWith('.password'));
    expect(files).toEqual(['baton-account-baton.password']);
    expect((await stat(join(dataDir, files[0]!))).mode & 0o777).toBe(0o600);

    const again = await startMariaDb({ dataDir, port: first.port, durable: false });
    await again.stop();
    expect(again.password).toBe(first.password);
    expect(again.url).toBe(first.url);
  }, 120_000);

  it('cluster.json is written mode 0600', async () => {
    const home = await scratch('cluster-file');
    const server = { pid: 1, dataDir: '/d', logFile: '/l' };
    await writeClusterFile(home, {
      home,
      etcd: { ...server, endpoint: 'http://127.0.0.1:2379' },
      mariadb: { ...server, url: 'mysql://baton:x@127.0.0.1:3306' },
      database: 'baton',
      mysqlUrl: 'mysql://baton:x@127.0.0.1:3306/baton',
      etcdPrefix: '/baton/',
      apiAddress: '127.0.0.1:1',
      leaseTtlMs: 10_000,
      processes: [],
      startedAt: new Date().toISOString(),
    });
    expect((await stat(clusterFilePath(home))).mode & 0o777).toBe(0o600);
  });
});
