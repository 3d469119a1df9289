import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import mysql from 'mysql2/promise';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startEtcd } from '../services/cli/cluster/infra/etcd-server.js';
import { freePort } from '../services/cli/cluster/infra/free-port.js';
import type { EtcdServer } from '../services/cli/cluster/infra/etcd-server.js';
import { startMariaDb } from '../services/cli/cluster/infra/mariadb-server.js';
import type { MariaDbServer } from '../services/cli/cluster/infra/mariadb-server.js';
import { createTestDatabase, etcdEndpoint, uniqueEtcdPrefix } from './support/test-env.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scratchDir(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `baton-${label}-`));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withEtcd<T>(endpoint: string, use: (client: Etcd3) => Promise<T>): Promise<T> {
  const client = new Etcd3({ hosts: endpoint });
  try {
    return await use(client);
  } finally {
    client.close();
  }
}

async function withMysql<T>(url: string, use: (db: Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection(url);
  try {
    return await use(connection);
  } finally {
    await connection.end();
  }
}

describe('the shared test etcd', () => {
  it('stores and returns a value through the etcd3 client', async () => {
    const prefix = uniqueEtcdPrefix('local infra');
    expect(prefix).toMatch(/^\/baton-test\/local-infra-[0-9a-f]{10}\/$/);
    await withEtcd(etcdEndpoint(), async (client) => {
      await client.put(`${prefix}greeting`).value('hello');
      expect(await client.get(`${prefix}greeting`).string()).toBe('hello');
      await client.delete().prefix(prefix);
      expect(await client.getAll().prefix(prefix).keys()).toEqual([]);
    });
  });
});

describe('the shared test MariaDB', () => {
  it('answers SELECT 1 and hands out a private database that can be dropped', async () => {
    const serverUrl = inject('mysqlUrl');
    await withMysql(serverUrl, async (server) => {
      const [rows] = await server.query<RowDataPacket[]>('SELECT 1 AS one');
      expect(rows[0]?.['one']).toBe(1);
    });

    const db = await createTestDatabase('Local Infra!');
    cleanups.push(() => db.drop());
    expect(db.name).toMatch(/^t_local_infra_[0-9a-f]{10}$/);
    expect(db.url).toBe(`${serverUrl}/${db.name}`);
    await withMysql(db.url, async (conn) => {
      await conn.query('CREATE TABLE note (id INT PRIMARY KEY, body VARCHAR(20))');
      await conn.query('INSERT INTO note VALUES (1, ?)', ['héllo ✓']);
      const [rows] = await conn.query<RowDataPacket[]>('SELECT DATABASE() AS db, body FROM note');
      expect(rows).toEqual([{ db: db.name, body: 'héllo ✓' }]);
    });

    await db.drop();
    await db.drop();
    await withMysql(serverUrl, async (server) => {
      const [rows] = await server.query<RowDataPacket[]>('SHOW DATABASES LIKE ?', [db.name]);
      expect(rows).toEqual([]);
    });
  });
});

describe('startEtcd and startMariaDb', () => {
  it('restart on the same data dir and ports with the data kept', async () => {
    const dir = await scratchDir('restart');
    const started: (EtcdServer | MariaDbServer)[] = [];
    cleanups.push(async () => {
      await Promise.all(started.map((server) => server.stop()));
    });

    // The first runs are detached, as `baton cluster up` starts them; the restarts are attached.
    const etcd1 = await startEtcd({ dataDir: join(dir, 'etcd'), detached: true });
    const maria1 = await startMariaDb({ dataDir: join(dir, 'mariadb'), detached: true });
    started.push(etcd1, maria1);
    await withEtcd(etcd1.endpoint, async (client) => {
      await client.put('/survivor').value('etcd kept me');
    });
    await withMysql(maria1.url, async (conn) => {
      await conn.query('CREATE DATABASE keep');
      await conn.query('CREATE TABLE keep.t (v VARCHAR(40))');
      await conn.query("INSERT INTO keep.t VALUES ('mariadb kept me')");
    });
    await Promise.all([etcd1.stop(), maria1.stop(), etcd1.stop()]);
    expect(isAlive(etcd1.pid)).toBe(false);
    expect(isAlive(maria1.pid)).toBe(false);

    const etcd2 = await startEtcd({
      dataDir: etcd1.dataDir,
      clientPort: etcd1.clientPort,
      peerPort: etcd1.peerPort,
    });
    const maria2 = await startMariaDb({ dataDir: maria1.dataDir, port: maria1.port });
    started.push(etcd2, maria2);
    expect(etcd2.endpoint).toBe(etcd1.endpoint);
    expect(maria2.url).toBe(maria1.url);
    expect(await withEtcd(etcd2.endpoint, (c) => c.get('/survivor').string())).toBe('etcd kept me');
    const rows = await withMysql(maria2.url, async (conn) => {
      const [result] = await conn.query<RowDataPacket[]>('SELECT v FROM keep.t');
      return result;
    });
    expect(rows).toEqual([{ v: 'mariadb kept me' }]);

    await Promise.all([etcd2.stop(), maria2.stop()]);
    expect(isAlive(etcd2.pid)).toBe(false);
    expect(isAlive(maria2.pid)).toBe(false);
  }, 120_000);

  it('refuses an occupied port instead of trusting whoever answers on it', async () => {
    const dir = await scratchDir('occupied');
    const takenPort = Number(new URL(etcdEndpoint()).port);
    await expect(startEtcd({ dataDir: join(dir, 'etcd'), clientPort: takenPort })).rejects.toThrow(
      `etcd: port ${takenPort} on 127.0.0.1 is already in use`,
    );
  });

  it('reports a server that exits while starting with the end of its log', async () => {
    const dir = await scratchDir('clash');
    // Free, but etcd binds it twice (peer and client), so the second bind fails.
    const port = await freePort();
    await expect(
      startEtcd({ dataDir: join(dir, 'etcd'), clientPort: port, peerPort: port }),
    ).rejects.toThrow(/etcd exited \(code \d+\) before it was ready[\s\S]*address already in use/);
  });
});
