/**
 * The cluster under test: real processes (masters, coordinators, workers and an api) on the
 * chaos run's etcd and MariaDB. Each master reaches etcd through its own EtcdProxy, so one
 * master at a time can be cut off from etcd while it still reaches MySQL. Each worker tells
 * its tasks its name (CHAOS_WORKER), which they write into the record.
 */
import { join } from 'node:path';
import { issueToken } from '../../shared/auth/issue-token.js';
import { ChannelPool, makeServiceClient, type ServiceClient } from '../../shared/grpc/client.js';
import type { Role } from '../../shared/etcd/keys.js';
import { LocalCluster } from '../../services/cli/cluster/infra/local-cluster.js';
import type { ServiceProcess } from '../../services/cli/cluster/infra/service-launcher.js';
import type { BatonApiDefinition } from '../../shared/proto/gen/baton/v1/BatonApi.js';
import { batonProto } from '../../shared/proto/load.js';
import { EtcdProxy } from './etcd-proxy.js';
import type { Crash } from './faults.js';
import type { ChaosInfra } from './infra.js';

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
    readonly proxies: ReadonlyMap<string, EtcdProxy>,
    readonly api: ApiClient,
  ) {}

  static async start(infra: ChaosInfra, o: ChaosClusterOptions): Promise<ChaosCluster> {
    const local = await LocalCluster.start({
      etcdEndpoint: infra.etcd.endpoint,
      mysqlUrl: infra.mysqlUrl,
      etcdPrefix: '/chaos/',
      leaseTtlMs: o.leaseTtlMs,
      baseDir: o.dir,
      detached: false,
      // Masters and workers are added below, each with settings of its own.
      layout: { masters: 0, coordinators: o.coordinators, workers: 0 },
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
    });
    const proxies = new Map<string, EtcdProxy>();
    try {
      const starts: Promise<unknown>[] = [];
      for (let i = 1; i <= o.masters; i += 1) {
        const name = `master-${i}`;
        const proxy = await EtcdProxy.start(infra.etcd.clientPort);
        proxies.set(name, proxy);
        starts.push(local.add('master', name, { ETCD_ENDPOINTS: proxy.address }));
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
      await Promise.all([...proxies.values()].map((p) => p.close()));
      throw err;
    }
    const channels = new ChannelPool(local.apiCredentials());
    const token = await issueToken(infra.mysqlUrl, 'chaos', 'operator', 'chaos runner');
    const api = makeServiceClient(batonProto().BatonApi.service, channels.get(local.api.address), {
      token,
    });
    const cluster = new ChaosCluster(channels, local, proxies, api);
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

  proxy(master: string): EtcdProxy {
    const proxy = this.proxies.get(master);
    if (proxy === undefined) throw new Error(`${master} has no etcd proxy`);
    return proxy;
  }

  /** Every process resumed and running, every proxy forwarding: the end of all faults. */
  async healAll(): Promise<void> {
    for (const proxy of this.proxies.values()) proxy.heal();
    for (const process of this.local.processes.values()) {
      if (process.hasExited()) await this.restart(process.name);
      else signal(process.pid, 'SIGCONT');
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.channels.close();
    await this.local.stopAll();
    await Promise.all([...this.proxies.values()].map((p) => p.close()));
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // The process has already exited; the nemesis restarts it.
  }
}
