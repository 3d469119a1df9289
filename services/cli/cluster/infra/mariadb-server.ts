/** A MariaDB server on 127.0.0.1 with its own data dir, for tests and `baton cluster up`. */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { ensureInfraBinaries } from './debian-packages.js';
import { freePort } from './free-port.js';
import {
  assertPortsFree,
  retryOnPortClash,
  runToCompletion,
  spawnServer,
  waitUntilReady,
} from './server-process.js';

export interface MariaDbServerOptions {
  /** The server's `--datadir`; initialized when it is missing or empty, reused (with data) otherwise. */
  dataDir: string;
  /** Default: a free port. Pass the previous server's port to restart it. */
  port?: number;
  /**
   * Run in its own session and outlive this process (`baton cluster up`). Default false: the
   * server is sent SIGTERM when this process exits or is terminated.
   */
  detached?: boolean;
  /** Where the server's error log and install output go (appended). Default `${dataDir}.log`. */
  logFile?: string;
  /** Default true. False relaxes flushing (innodb_flush_log_at_trx_commit=2 etc.) for tests. */
  durable?: boolean;
  /** Account created (or updated) with all privileges. Default `baton`. */
  user?: string;
  /**
   * Default: a random password made on the first start and kept in the data dir
   * (`baton-account-<user>.password`, mode 0600), so no password is written in source and
   * later starts (and `cluster down`/`up`) keep the same one.
   */
  password?: string;
  /** Progress lines (package installation, data dir initialization). */
  log?: (line: string) => void;
}

export interface MariaDbServer {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** Unix socket; root can log in over it without a password. */
  socket: string;
  dataDir: string;
  logFile: string;
  pid: number;
  /** `mysql://user:password@127.0.0.1:port`, no database. */
  url: string;
  /** SIGTERM, wait for the clean shutdown (SIGKILL after 30 s); idempotent. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
// A clean InnoDB shutdown avoids crash recovery at the next start; give it longer than etcd.
const STOP_GRACE_MS = 30_000;
const MAX_SOCKET_PATH = 100; // sun_path holds 108 bytes
const isRoot = process.getuid?.() === 0;

/**
 * Starts `mariadbd --no-defaults` (no /etc/mysql config is read) on 127.0.0.1, initializing the
 * data dir with `mariadb-install-db` first when it holds no database. Resolves once root can
 * log in over the socket and the account `user`@`%` / `user`@`localhost` exists with `password`
 * and all privileges (it can CREATE DATABASE). The server defaults to utf8mb4 and UTC.
 * When not detached the child is killed if this process exits without stopping it.
 *
 * Throws an Error with the end of the log when initialization fails, the server exits early or
 * does not accept connections within 60 s (it is killed first), when `dataDir` is a non-empty
 * directory that is not a MariaDB data dir, and the errors of {@link ensureInfraBinaries}.
 */
export async function startMariaDb(opts: MariaDbServerOptions): Promise<MariaDbServer> {
  const binaries = await ensureInfraBinaries(opts.log);
  const dataDir = resolve(opts.dataDir);
  const logFile = resolve(opts.logFile ?? `${dataDir}.log`);
  const user = opts.user ?? 'baton';
  const socket = socketPathFor(dataDir);
  await initializeDataDir(binaries.mariadbInstallDb, dataDir, logFile, opts.log);
  const password = opts.password ?? (await storedPassword(dataDir, user));

  await mkdir(tmpDirOf(dataDir), { recursive: true });
  return retryOnPortClash(opts.port !== undefined, async () => {
    const port = opts.port ?? (await freePort());
    await assertPortsFree('mariadbd', [port]);
    const server = await spawnServer({
      name: 'mariadbd',
      command: binaries.mariadbd,
      args: serverArgs({ dataDir, port, socket, durable: opts.durable ?? true }),
      logFile,
      detached: opts.detached ?? false,
      stopGraceMs: STOP_GRACE_MS,
    });
    const root = await waitUntilReady(server, 'mariadbd', READY_TIMEOUT_MS, () =>
      connectAsRoot(socket, port),
    );
    try {
      await ensureAccount(root, user, password);
    } catch (error) {
      root.destroy();
      await server.stop();
      throw error;
    }
    await root.end();
    const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
    return {
      host: '127.0.0.1',
      port,
      user,
      password,
      socket,
      dataDir,
      logFile,
      pid: server.pid,
      url: `mysql://${credentials}@127.0.0.1:${port}`,
      stop: () => server.stop(),
    };
  });
}

/**
 * The account's password kept in the data dir, made (random, URL-safe) when there is none.
 * An existing server's account gets it at this start, whatever password it had before.
 */
async function storedPassword(dataDir: string, user: string): Promise<string> {
  const path = join(dataDir, `baton-account-${user.replace(/[^A-Za-z0-9_-]/g, '_')}.password`);
  try {
    const stored = (await readFile(path, 'utf8')).trim();
    if (stored !== '') return stored;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const password = randomBytes(18).toString('base64url');
  // Written beside the tables (a file, not a directory, so MariaDB does not see a database);
  // 0600 whatever the umask: it is the key to every database on the server.
  await writeFile(path, `${password}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return password;
}

/** Beside the data directory, created before each start. */
function tmpDirOf(dataDir: string): string {
  return `${dataDir}.tmp`;
}

function serverArgs(o: { dataDir: string; port: number; socket: string; durable: boolean }) {
  return [
    // Must come first; keeps Debian's /etc/mysql (port 3306, its socket, its datadir) out.
    '--no-defaults',
    `--datadir=${o.dataDir}`,
    '--bind-address=127.0.0.1',
    `--port=${o.port}`,
    `--socket=${o.socket}`,
    `--pid-file=${join(o.dataDir, 'mariadbd.pid')}`,
    // Its own temporary directory: a server starting in a shared /tmp deletes every stale-
    // looking #sql* file there, including the temporary tables of another running server.
    `--tmpdir=${tmpDirOf(o.dataDir)}`,
    // mariadbd refuses to run as root unless told to.
    ...(isRoot ? ['--user=root'] : []),
    '--skip-log-bin',
    '--skip-name-resolve',
    '--max-connections=2000',
    '--innodb-buffer-pool-size=128M',
    // Without /etc/mysql the compiled-in defaults would be latin1 and the host's time zone.
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_general_ci',
    '--default-time-zone=+00:00',
    ...(o.durable
      ? []
      : ['--innodb-flush-log-at-trx-commit=2', '--sync-binlog=0', '--innodb-doublewrite=0']),
  ];
}

/** The socket lives in the data dir unless that path would be too long for a Unix socket. */
function socketPathFor(dataDir: string): string {
  const inDataDir = join(dataDir, 'mariadbd.sock');
  if (Buffer.byteLength(inDataDir) <= MAX_SOCKET_PATH) return inDataDir;
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return join(tmpdir(), `baton-mariadb-${hash}.sock`);
}

/**
 * Runs mariadb-install-db into a sibling staging dir and renames it into place, so a crash
 * half-way never leaves a data dir that looks initialized but is not.
 */
async function initializeDataDir(
  installDb: string,
  dataDir: string,
  logFile: string,
  log: ((line: string) => void) | undefined,
): Promise<void> {
  if (await isDirectory(join(dataDir, 'mysql'))) return;
  const entries = await readdir(dataDir).catch(() => []);
  if (entries.length > 0) {
    throw new Error(`${dataDir} is not empty and holds no MariaDB database; refusing to use it`);
  }
  log?.(`initializing MariaDB data dir ${dataDir}`);
  await mkdir(dirname(dataDir), { recursive: true });
  const staging = `${dataDir}.init-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const args = [
    '--no-defaults',
    `--datadir=${staging}`,
    // 'normal' gives root a passwordless login instead of unix_socket auth tied to the OS user.
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    // Avoids install-db's hostname lookup, which fails on hosts without working DNS.
    '--skip-name-resolve',
    ...(isRoot ? ['--user=root'] : []),
  ];
  try {
    await runToCompletion('mariadb-install-db', installDb, args, logFile);
    // rename(2) replaces an empty directory, and fails if another process initialized it first.
    await rename(staging, dataDir).catch(async (error: unknown) => {
      if (!(await isDirectory(join(dataDir, 'mysql')))) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * Connects as root over the socket. Checks the port too: while a server started earlier on the
 * same data dir still runs, the socket is its, and ours is stuck waiting for the InnoDB lock.
 */
async function connectAsRoot(socket: string, port: number): Promise<Connection> {
  const root = await mysql.createConnection({
    socketPath: socket,
    user: 'root',
    connectTimeout: 2_000,
  });
  try {
    const [rows] = await root.query<RowDataPacket[]>('SELECT @@port AS port');
    const served: unknown = rows[0]?.['port'];
    if (served !== port)
      throw new Error(`${socket} belongs to another mariadbd (port ${String(served)})`);
    return root;
  } catch (error) {
    root.destroy();
    throw error;
  }
}

/** Creates the account, or resets its password, and grants it everything. */
async function ensureAccount(root: Connection, user: string, password: string): Promise<void> {
  for (const host of ['%', 'localhost']) {
    await root.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [user, host, password]);
    await root.query('ALTER USER ?@? IDENTIFIED BY ?', [user, host, password]);
    await root.query('GRANT ALL PRIVILEGES ON *.* TO ?@? WITH GRANT OPTION', [user, host]);
  }
}
