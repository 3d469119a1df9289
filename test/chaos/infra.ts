/**
 * The chaos run's own etcd and MariaDB (never the test suite's shared ones: the nemesis kills
 * and restarts them), on a temporary directory and free ports. A restart keeps the data dir and
 * the ports, so every client finds the server again where it was.
 */
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { ensureInfraBinaries } from '../../services/cli/cluster/infra/debian-packages.js';
import { startEtcd, type EtcdServer } from '../../services/cli/cluster/infra/etcd-server.js';
import {
  startMariaDb,
  type MariaDbServer,
} from '../../services/cli/cluster/infra/mariadb-server.js';

const DATABASE = 'baton_chaos';

export class ChaosInfra {
  private constructor(
    readonly dir: string,
    private etcdServer: EtcdServer,
    private mariadbServer: MariaDbServer,
  ) {}

  /**
   * Starts both servers under `dir`. MariaDB is not `durable`: with
   * innodb_flush_log_at_trx_commit=2 every commit still reaches the OS at once, so killing
   * the server process (not the machine) loses nothing, and commits are much cheaper.
   */
  static async start(dir: string, log: (line: string) => void): Promise<ChaosInfra> {
    await ensureInfraBinaries(log);
    const [etcd, mariadb] = await Promise.all([
      startEtcd({ dataDir: join(dir, 'etcd') }),
      startMariaDb({ dataDir: join(dir, 'mariadb'), durable: false }),
    ]);
    const connection = await mysql.createConnection(mariadb.url);
    await connection.query(`CREATE DATABASE ${DATABASE}`);
    await connection.end();
    return new ChaosInfra(dir, etcd, mariadb);
  }

  get etcd(): EtcdServer {
    return this.etcdServer;
  }

  /** `mysql://user:password@127.0.0.1:PORT/baton_chaos` */
  get mysqlUrl(): string {
    return `${this.mariadbServer.url}/${DATABASE}`;
  }

  /** MariaDB's port on 127.0.0.1 (a restart keeps it). */
  get mysqlPort(): number {
    return this.mariadbServer.port;
  }

  /** SIGKILL etcd (its WAL is fsynced: nothing acknowledged is lost), then start it again. */
  async restartEtcd(downMs: number): Promise<void> {
    const old = this.etcdServer;
    await killHard(old);
    await sleep(downMs);
    this.etcdServer = await startEtcd({
      dataDir: old.dataDir,
      clientPort: old.clientPort,
      peerPort: old.peerPort,
      logFile: old.logFile,
    });
  }

  /** SIGKILL MariaDB (InnoDB crash recovery at the next start), then start it again. */
  async restartMariaDb(downMs: number): Promise<void> {
    const old = this.mariadbServer;
    await killHard(old);
    await sleep(downMs);
    this.mariadbServer = await startMariaDb({
      dataDir: old.dataDir,
      port: old.port,
      logFile: old.logFile,
      durable: false,
    });
  }

  async stop(): Promise<void> {
    await Promise.all([this.etcdServer.stop(), this.mariadbServer.stop()]);
  }
}

async function killHard(server: { pid: number; stop(): Promise<void> }): Promise<void> {
  try {
    process.kill(server.pid, 'SIGKILL');
  } catch {
    // Already gone; stop() below only waits for the exit to be seen.
  }
  await server.stop();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
