import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { ensureInfraBinaries } from '../../services/cli/cluster/infra/debian-packages.js';
import { startEtcd, type EtcdServer } from '../../services/cli/cluster/infra/etcd-server.js';
import {
  startMariaDb,
  type MariaDbServer,
} from '../../services/cli/cluster/infra/mariadb-server.js';

/**
 * etcd and MariaDB for a benchmark run, on the machine's ordinary temporary disk (not tmpfs)
 * and with MariaDB durable, so the figures are what a real deployment on this machine would
 * see; the raw write latencies of both are measured in the same run as the baseline.
 */
export class BenchInfra {
  private databases = 0;

  private constructor(
    readonly dir: string,
    readonly etcd: EtcdServer,
    readonly mariadb: MariaDbServer,
  ) {}

  static async start(): Promise<BenchInfra> {
    await ensureInfraBinaries();
    const dir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
    const etcd = await startEtcd({ dataDir: join(dir, 'etcd') });
    const mariadb = await startMariaDb({ dataDir: join(dir, 'mariadb'), durable: true });
    return new BenchInfra(dir, etcd, mariadb);
  }

  /** A fresh database; returns its URL. */
  async database(label: string): Promise<string> {
    this.databases += 1;
    const name = `bench_${label}_${this.databases}`;
    const connection = await mysql.createConnection(this.mariadb.url);
    await connection.query(`CREATE DATABASE \`${name}\``);
    await connection.end();
    return `${this.mariadb.url}/${name}`;
  }

  async stop(): Promise<void> {
    await this.etcd.stop();
    await this.mariadb.stop();
    // BENCH_KEEP_DIR=1 keeps the data and every service's log for a look afterwards.
    if (process.env.BENCH_KEEP_DIR === '1') console.error(`kept ${this.dir}`);
    else rmSync(this.dir, { recursive: true, force: true });
  }
}
