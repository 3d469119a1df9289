import { join } from 'node:path';
import type { Etcd3 } from 'etcd3';
import { connectEtcd } from '../etcd/connect.js';
import type { Role } from '../etcd/keys.js';
import { startServiceProcess, type ServiceProcess } from './service-launcher.js';

export interface ClusterLayout {
  masters: number;
  workers: number;
  coordinators: number;
}

export interface LocalClusterOptions {
  etcdEndpoint: string;
  /** mysql://user:pass@host:port/database */
  mysqlUrl: string;
  etcdPrefix: string;
  leaseTtlMs: number;
  /** Service logs (`<name>.log`) and worker data (`<name>/`) go here. */
  baseDir: string;
  detached: boolean;
  layout: ClusterLayout;
  /** Extra settings for every service (LOG_LEVEL, RECONCILE_INTERVAL_MS, ...). */
  env?: Record<string, string>;
}

/**
 * A whole Baton cluster as local processes: one api and the given numbers of masters,
 * coordinators and workers, all on one etcd prefix and one database. Used by
 * `baton cluster up` (detached) and by tests (attached, so they can kill, pause and restart
 * single processes).
 */
export class LocalCluster {
  readonly processes = new Map<string, ServiceProcess>();
  private readonly counters = new Map<Role, number>();

  private constructor(
    readonly options: LocalClusterOptions,
    readonly etcd: Etcd3,
  ) {}

  static async start(options: LocalClusterOptions): Promise<LocalCluster> {
    const cluster = new LocalCluster(options, connectEtcd([options.etcdEndpoint]));
    try {
      const { masters, workers, coordinators } = options.layout;
      const roles: Role[] = [
        ...Array<Role>(coordinators).fill('coordinator'),
        ...Array<Role>(masters).fill('master'),
        ...Array<Role>(workers).fill('worker'),
        'api',
      ];
      // Masters and the api run migrations at start; they serialize on a MySQL named lock.
      await Promise.all(roles.map((role) => cluster.add(role)));
      return cluster;
    } catch (err) {
      await cluster.stopAll();
      throw err;
    }
  }

  /** The settings every service of this cluster gets. */
  serviceEnv(): Record<string, string> {
    const o = this.options;
    return {
      ETCD_ENDPOINTS: o.etcdEndpoint,
      ETCD_PREFIX: o.etcdPrefix,
      MYSQL_URL: o.mysqlUrl,
      LEASE_TTL_MS: String(o.leaseTtlMs),
      ...o.env,
    };
  }

  /** Starts one more process of `role` (named `<role>-<n>` unless `name` is given). */
  async add(role: Role, name?: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
    const n = (this.counters.get(role) ?? 0) + 1;
    this.counters.set(role, n);
    const processName = name ?? `${role}-${n}`;
    const extra: Record<string, string> =
      role === 'worker' ? { WORKER_DATA_DIR: join(this.options.baseDir, processName) } : {};
    const process = await startServiceProcess(
      {
        role,
        name: processName,
        env: { ...this.serviceEnv(), ...extra, ...env },
        logFile: join(this.options.baseDir, `${processName}.log`),
        detached: this.options.detached,
      },
      this.etcd,
    );
    this.processes.set(processName, process);
    return process;
  }

  /** Starts a stopped or killed process again, same name, same port, same settings. */
  async restart(name: string): Promise<ServiceProcess> {
    const old = this.get(name);
    await old.stop();
    const process = await startServiceProcess(old.spec, this.etcd);
    this.processes.set(name, process);
    return process;
  }

  get(name: string): ServiceProcess {
    const process = this.processes.get(name);
    if (process === undefined) throw new Error(`no process named ${name}`);
    return process;
  }

  ofRole(role: Role): ServiceProcess[] {
    return [...this.processes.values()].filter((p) => p.role === role);
  }

  get api(): ServiceProcess {
    const api = this.ofRole('api')[0];
    if (api === undefined) throw new Error('the cluster has no api');
    return api;
  }

  /** SIGTERM to every process (api first, masters last), then close the etcd client. */
  async stopAll(): Promise<void> {
    const order: Role[] = ['api', 'worker', 'coordinator', 'master'];
    for (const role of order) await Promise.all(this.ofRole(role).map((p) => p.stop()));
    this.etcd.close();
  }
}
