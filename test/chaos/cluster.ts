/**
 * The cluster under test: real processes (masters, coordinators, workers and an api) on the
 * chaos run's etcd and MariaDB. Each master reaches etcd through a TcpProxy of its own, so one
 * master at a time can be cut off from etcd while it still reaches MySQL; each master and the
 * api reach MariaDB through a TcpProxy of their own too, so one of them at a time can be given a
 * slow or stalled database while the rest of the cluster is not (coordinators and workers dial
 * MariaDB directly). Each worker tells its tasks its name (CHAOS_WORKER), which they write into
 * the record.
 */
import { join } from 'node:path';
import { issueToken } from '../../shared/auth/issue-token.js';
import { ChannelPool, makeServiceClient, type ServiceClient } from '../../shared/grpc/client.js';
import type { Role } from '../../shared/etcd/keys.js';
import { LocalCluster } from '../../services/cli/cluster/infra/local-cluster.js';
import type { ServiceProcess } from '../../services/cli/cluster/infra/service-launcher.js';
import type { BatonApiDefinition } from '../../shared/proto/gen/baton/v1/BatonApi.js';
import { batonProto } from '../../shared/proto/load.js';
import type { Crash } from './faults.js';
import type { ChaosInfra } from './infra.js';
import { TcpProxy } from './tcp-proxy.js';

export type ApiClient = ServiceClient<BatonApiDefinition>;

export interface ChaosClusterOptions {
  masters: number;
  coordinators: number;
  workers: number;
  leaseTtlMs: number;
  serialGapWaitMs: number;
  /** Service logs and worker data go here. */
  dir: string;
}

export class ChaosCluster {
  /** Processes that died by themselves (each is restarted, as a supervisor would). */
  readonly crashes: Crash[] = [];
  private readonly expectedExits = new Set<number>();
  private readonly restarting = new Map<string, Promise<void>>();
  private stopping = false;

  private constructor(
    private readonly channels: ChannelPool,
    readonly local: LocalCluster,
    /** By process name: `etcd` for each master, `mysql` for each master and the api. */
    private readonly proxies: Proxies,
    readonly api: ApiClient,
    /** The api with an admin token (task-group resizes). */
    readonly adminApi: ApiClient,
  ) {}

  static async start(infra: ChaosInfra, o: ChaosClusterOptions): Promise<ChaosCluster> {
    const proxies: Proxies = { etcd: new Map(), mysql: new Map() };
    const mysqlVia = (proxy: TcpProxy) => ({ MYSQL_URL: urlVia(infra.mysqlUrl, proxy.address) });
    // The api is started by LocalCluster itself; its proxy is filed under its name below.
    const apiProxy = await TcpProxy.start(infra.mysqlPort);
    const local = await LocalCluster.start({
      etcdEndpoint: infra.etcd.endpoint,
      mysqlUrl: infra.mysqlUrl,
      etcdPrefix: '/chaos/',
      leaseTtlMs: o.leaseTtlMs,
      baseDir: o.dir,
      detached: false,
      // Masters and workers are added below, each with settings of its own.
      layout: { masters: 0, coordinators: o.coordinators, workers: 0 },
      apiEnv: mysqlVia(apiProxy),
      env: {
        LOG_LEVEL: 'info',
        // Reconcilers bound how long a lost message delays; keep them short against the TTL.
        RECONCILE_INTERVAL_MS: '1000',
        SERIAL_RECONCILE_INTERVAL_MS: '1000',
        SUBMIT_GRACE_MS: '1000',
        SERIAL_GAP_WAIT_MS: String(o.serialGapWaitMs),
        TASK_KILL_GRACE_MS: '2000',
        SHUTDOWN_GRACE_MS: '3000',
        // Runs as root here and in CI; task scripts write the record to root-owned files.
        ALLOW_ROOT_TASKS: 'true',
      },
    }).catch(async (err: unknown) => {
      await apiProxy.close();
      throw err;
    });
    proxies.mysql.set(local.api.name, apiProxy);
    try {
      const starts: Promise<unknown>[] = [];
      for (let i = 1; i <= o.masters; i += 1) {
        const name = `master-${i}`;
        const etcd = await TcpProxy.start(infra.etcd.clientPort);
        proxies.etcd.set(name, etcd);
        const mysql = await TcpProxy.start(infra.mysqlPort);
        proxies.mysql.set(name, mysql);
        starts.push(
          local.add('master', name, { ETCD_ENDPOINTS: etcd.address, ...mysqlVia(mysql) }),
        );
      }
      for (let i = 1; i <= o.workers; i += 1) {
        const name = `worker-${i}`;
        starts.push(
          local.add('worker', name, {
            CHAOS_WORKER: name,
            TASK_ENV_ALLOWLIST: 'PATH,HOME,LANG,LC_ALL,TZ,TMPDIR,CHAOS_WORKER',
            WORKER_DATA_DIR: join(o.dir, name),
          }),
        );
      }
      await Promise.all(starts);
    } catch (err) {
      await local.stopAll();
      await closeAll(proxies);
      throw err;
    }
    const channels = new ChannelPool(local.apiCredentials());
    const token = await issueToken(infra.mysqlUrl, 'chaos', 'operator', 'chaos runner');
    const api = makeServiceClient(batonProto().BatonApi.service, channels.get(local.api.address), {
      token,
    });
    // Resizing a task group is an admin's call; everything else the workload does is an operator's.
    const adminToken = await issueToken(infra.mysqlUrl, 'chaos-admin', 'admin', 'chaos runner');
    const adminApi = makeServiceClient(
      batonProto().BatonApi.service,
      channels.get(local.api.address),
      { token: adminToken },
    );
    const cluster = new ChaosCluster(channels, local, proxies, api, adminApi);
    for (const process of local.processes.values()) cluster.watch(process);
    return cluster;
  }

  /** Names of the processes of `role`, sorted: a seed picks the same targets every time. */
  names(role: Role): string[] {
    return this.local
      .ofRole(role)
      .map((p) => p.name)
      .sort();
  }

  pid(name: string): number {
    return this.local.get(name).pid;
  }

  kill(name: string): void {
    const pid = this.pid(name);
    this.expectedExits.add(pid);
    signal(pid, 'SIGKILL');
  }

  pause(name: string): void {
    signal(this.pid(name), 'SIGSTOP');
  }

  resume(name: string): void {
    signal(this.pid(name), 'SIGCONT');
  }

  /**
   * Starts a process again under its name (stopping it first if it still runs; a restarted
   * process waits for its old lease to expire). Concurrent restarts of one name share one.
   */
  restart(name: string): Promise<void> {
    let pending = this.restarting.get(name);
    if (pending === undefined) {
      this.expectedExits.add(this.pid(name));
      pending = this.local
        .restart(name)
        .then((process) => this.watch(process))
        .finally(() => this.restarting.delete(name));
      this.restarting.set(name, pending);
    }
    return pending;
  }

  /** Records the process's exit as a crash unless it was expected, and restarts it then. */
  private watch(process: ServiceProcess): void {
    void process.exited.then((how) => {
      if (this.stopping || this.expectedExits.has(process.pid)) return;
      this.crashes.push({ name: process.name, pid: process.pid, at: Date.now(), how });
      this.restart(process.name).catch(() => {
        // healAll() at the end tries again; the crash is reported either way.
      });
    });
  }

  /** The proxy between `name` and etcd (masters) or MariaDB (masters and the api). */
  proxy(link: keyof Proxies, name: string): TcpProxy {
    const proxy = this.proxies[link].get(name);
    if (proxy === undefined) throw new Error(`${name} has no ${link} proxy`);
    return proxy;
  }

  /** Names of the processes behind a MariaDB proxy (masters and the api), sorted. */
  mysqlProxied(): string[] {
    return [...this.proxies.mysql.keys()].sort();
  }

  /** Every process resumed and running, every proxy forwarding: the end of all faults. */
  async healAll(): Promise<void> {
    for (const proxy of allProxies(this.proxies)) proxy.heal();
    for (const process of this.local.processes.values()) {
      if (process.hasExited()) await this.restart(process.name);
      else signal(process.pid, 'SIGCONT');
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.channels.close();
    await this.local.stopAll();
    await closeAll(this.proxies);
  }
}

interface Proxies {
  etcd: Map<string, TcpProxy>;
  mysql: Map<string, TcpProxy>;
}

function allProxies(proxies: Proxies): TcpProxy[] {
  return [...proxies.etcd.values(), ...proxies.mysql.values()];
}

async function closeAll(proxies: Proxies): Promise<void> {
  await Promise.all(allProxies(proxies).map((p) => p.close()));
}

/** `url` with its host and port replaced by `address` (`127.0.0.1:PORT`). */
function urlVia(url: string, address: string): string {
  const parsed = new URL(url);
  parsed.host = address;
  return parsed.toString();
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // The process has already exited; the nemesis restarts it.
  }
}
