/**
 * The steps of `baton cluster up` that start processes: etcd and MariaDB (detached, data under
 * BATON_HOME), the `baton` database, then every Baton service. On failure everything this call
 * started is stopped again before the error is rethrown.
 */
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { startEtcd, type EtcdServer } from './infra/etcd-server.js';
import { LocalCluster, type ClusterLayout } from './infra/local-cluster.js';
import { startMariaDb, type MariaDbServer } from './infra/mariadb-server.js';
import { issueToken } from '../../../shared/auth/issue-token.js';
import type { ClusterFile } from './cluster-file.js';

export const DATABASE = 'baton';
export const ETCD_PREFIX = '/baton/';

export interface StartClusterOptions {
  home: string;
  layout: ClusterLayout;
  leaseTtlMs: number;
  log: (line: string) => void;
  /** Checked between steps; when it throws, what was started is stopped. */
  checkpoint: () => void;
}

export async function startCluster(o: StartClusterOptions): Promise<ClusterFile> {
  const stops: (() => Promise<void>)[] = [];
  try {
    o.log('starting etcd and MariaDB');
    const { etcd, mariadb } = await startInfra(o.home, o.log);
    stops.push(
      () => etcd.stop(),
      () => mariadb.stop(),
    );
    o.checkpoint();
    await createDatabase(mariadb.url);
    const mysqlUrl = `${mariadb.url}/${DATABASE}`;
    const { masters, workers, coordinators } = o.layout;
    const what = [
      count(masters, 'master'),
      count(workers, 'worker'),
      count(coordinators, 'coordinator'),
      '1 api',
    ];
    o.log(`starting ${what.join(', ')}`);
    const cluster = await LocalCluster.start({
      etcdEndpoint: etcd.endpoint,
      mysqlUrl,
      etcdPrefix: ETCD_PREFIX,
      leaseTtlMs: o.leaseTtlMs,
      baseDir: join(o.home, 'services'),
      detached: true,
      layout: o.layout,
      // A worker as root refuses to run tasks as root: the quick start runs them as nobody.
      env: process.geteuid?.() === 0 ? { TASK_USER: 'nobody' } : {},
    });
    // The services outlive us; only the launcher's own etcd client must go, or Node stays up.
    cluster.etcd.close();
    stops.push(async () => {
      for (const p of cluster.processes.values()) await p.stop();
    });
    o.checkpoint();
    // Each `up` issues its own admin token (names are never reused): the CLI reads it from
    // cluster.json, so the quick start needs no token handling.
    const tokenName = `local-admin-${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 18)}`;
    const token = await issueToken(mysqlUrl, tokenName, 'admin', 'baton cluster up');
    return {
      home: o.home,
      etcd: {
        endpoint: etcd.endpoint,
        pid: etcd.pid,
        dataDir: etcd.dataDir,
        logFile: etcd.logFile,
      },
      mariadb: {
        url: mariadb.url,
        pid: mariadb.pid,
        dataDir: mariadb.dataDir,
        logFile: mariadb.logFile,
      },
      database: DATABASE,
      mysqlUrl,
      etcdPrefix: ETCD_PREFIX,
      apiAddress: cluster.api.address,
      caFile: cluster.caFile,
      token,
      leaseTtlMs: o.leaseTtlMs,
      processes: [...cluster.processes.values()].map((p) => ({
        name: p.name,
        role: p.role,
        pid: p.pid,
        address: p.address,
        logFile: p.logFile,
      })),
      startedAt: new Date().toISOString(),
    };
  } catch (err) {
    // Services first (they use etcd and MariaDB), so in reverse order of starting.
    for (const stop of stops.reverse()) await stop().catch(() => {});
    throw err;
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

async function startInfra(
  home: string,
  log: (line: string) => void,
): Promise<{ etcd: EtcdServer; mariadb: MariaDbServer }> {
  const [etcd, mariadb] = await Promise.allSettled([
    startEtcd({ dataDir: join(home, 'etcd'), detached: true, log }),
    startMariaDb({ dataDir: join(home, 'mariadb'), detached: true, durable: true, log }),
  ]);
  if (etcd.status === 'fulfilled' && mariadb.status === 'fulfilled') {
    return { etcd: etcd.value, mariadb: mariadb.value };
  }
  if (etcd.status === 'fulfilled') await etcd.value.stop();
  if (mariadb.status === 'fulfilled') await mariadb.value.stop();
  throw etcd.status === 'rejected' ? etcd.reason : (mariadb as PromiseRejectedResult).reason;
}

async function createDatabase(serverUrl: string): Promise<void> {
  const connection = await mysql.createConnection(serverUrl);
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`,
    );
  } finally {
    await connection.end();
  }
}
