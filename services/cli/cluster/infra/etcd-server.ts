/** A single-member etcd on 127.0.0.1, for tests and `baton cluster up`. */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ensureInfraBinaries } from './debian-packages.js';
import { freePorts } from './free-port.js';
import {
  assertPortsFree,
  retryOnPortClash,
  spawnServer,
  waitUntilReady,
} from './server-process.js';

export interface EtcdServerOptions {
  /** etcd's `--data-dir`; created if missing. Reusing it (with the same ports) keeps the data. */
  dataDir: string;
  /** Default: a free port. Pass the previous server's port to restart it. */
  clientPort?: number;
  /** Default: a free port. Pass the previous server's port to restart it. */
  peerPort?: number;
  /**
   * Run in its own session and outlive this process (`baton cluster up`). Default false: the
   * server is sent SIGTERM when this process exits or is terminated.
   */
  detached?: boolean;
  /** Where etcd's output goes (appended). Default `${dataDir}.log`, beside the data dir. */
  logFile?: string;
  /** Member name; must stay the same across restarts of one data dir. Default `baton`. */
  name?: string;
  /** Progress lines (package installation). */
  log?: (line: string) => void;
}

export interface EtcdServer {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  clientPort: number;
  peerPort: number;
  dataDir: string;
  logFile: string;
  pid: number;
  /** SIGTERM, wait for exit (SIGKILL after 10 s); idempotent. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;
const HEALTH_REQUEST_TIMEOUT_MS = 1_000;

/**
 * Starts etcd as a child process listening on 127.0.0.1 only, and resolves once `GET /health`
 * answers `{"health":"true"}`. Ports left out are chosen free (and re-chosen if another process
 * takes one first). When not detached the child is killed if this process exits without stopping
 * it, so tests leave no etcd behind.
 *
 * Throws an Error with the end of etcd's log when it exits early or is not healthy within 30 s
 * (it is killed first), and the errors of {@link ensureInfraBinaries} when etcd is missing.
 */
export async function startEtcd(opts: EtcdServerOptions): Promise<EtcdServer> {
  const { etcd } = await ensureInfraBinaries(opts.log);
  const dataDir = resolve(opts.dataDir);
  const logFile = resolve(opts.logFile ?? `${dataDir}.log`);
  const name = opts.name ?? 'baton';
  await mkdir(dirname(dataDir), { recursive: true });
  const portsFixed = opts.clientPort !== undefined && opts.peerPort !== undefined;

  return retryOnPortClash(portsFixed, async () => {
    const [freeClient = 0, freePeer = 0] = portsFixed ? [] : await freePorts(2);
    const clientPort = opts.clientPort ?? freeClient;
    const peerPort = opts.peerPort ?? freePeer;
    const endpoint = `http://127.0.0.1:${clientPort}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    await assertPortsFree('etcd', [clientPort, peerPort]);
    const server = await spawnServer({
      name: 'etcd',
      command: etcd,
      args: [
        `--name=${name}`,
        `--data-dir=${dataDir}`,
        `--listen-client-urls=${endpoint}`,
        `--advertise-client-urls=${endpoint}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        // Ignored once the data dir holds a member, which is what makes restarts keep the data.
        `--initial-cluster=${name}=${peerUrl}`,
        '--initial-cluster-state=new',
        `--initial-cluster-token=baton-${name}`,
        // Frequent snapshots keep WAL replay on restart short; compaction bounds the history.
        '--snapshot-count=10000',
        '--auto-compaction-mode=periodic',
        '--auto-compaction-retention=1h',
        // zap to stderr is 3.5's default; 3.4 would log capnslog, or to journald under systemd.
        '--logger=zap',
        '--log-outputs=stderr',
      ],
      logFile,
      detached: opts.detached ?? false,
      stopGraceMs: STOP_GRACE_MS,
    });
    await waitUntilReady(server, 'etcd', READY_TIMEOUT_MS, () => checkHealth(endpoint));
    return {
      endpoint,
      clientPort,
      peerPort,
      dataDir,
      logFile,
      pid: server.pid,
      stop: () => server.stop(),
    };
  });
}

/** Resolves when etcd reports itself healthy (it has a leader and serves requests); else throws. */
async function checkHealth(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/health`, {
    signal: AbortSignal.timeout(HEALTH_REQUEST_TIMEOUT_MS),
  });
  const body: unknown = await response.json();
  const healthy =
    typeof body === 'object' && body !== null && (body as { health?: unknown }).health === 'true';
  if (!healthy) throw new Error(`/health answered ${response.status} ${JSON.stringify(body)}`);
}
