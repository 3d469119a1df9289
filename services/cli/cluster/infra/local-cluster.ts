import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import type { Etcd3 } from 'etcd3';
import { connectEtcd } from '../../../../shared/etcd/connect.js';
import type { Role } from '../../../../shared/etcd/keys.js';
import type { ChannelSecurity } from '../../../../shared/grpc/client.js';
import { channelCredentials, channelSecurity } from '../../../../shared/tls/credentials.js';
import {
  caPaths,
  ensureCertificateAuthority,
} from '../../../../shared/tls/certificate-authority.js';
import {
  ensureMemberCertificate,
  memberPaths,
  type MemberCertificateFiles,
} from '../../../../shared/tls/member-certificate.js';
import type { MemberRole } from '../../../../shared/tls/member-roles.js';
import { readTlsMaterial, type TlsFiles } from '../../../../shared/tls/tls-settings.js';
import { startServiceProcess, type ServiceProcess } from './service-launcher.js';

/** The name of the certificate operator tools use (`<certs>/client.pem`, role client). */
const OPERATOR = 'client';

export interface ClusterLayout {
  masters: number;
  workers: number;
  coordinators: number;
  /** api replicas (default 1): each its own process and port, all on the same database. */
  apis?: number;
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
  /** Extra settings for the api only, over `env` (the chaos run's MYSQL_URL through a proxy). */
  apiEnv?: Record<string, string>;
  /**
   * Mutual TLS between the services (default true): a private CA and one certificate per
   * process in `<baseDir>/certs`, made on first start and kept on later ones.
   */
  tls?: boolean;
}

/**
 * A whole Baton cluster as local processes: the given numbers of apis (default one), masters,
 * coordinators and workers, all on one etcd prefix and one database. Used by
 * `baton cluster up` (detached) and by tests (attached, so they can kill, pause and restart
 * single processes).
 */
export class LocalCluster {
  readonly processes = new Map<string, ServiceProcess>();
  private readonly counters = new Map<Role, number>();
  /** Member certificates by name, so two concurrent asks for one name issue it once. */
  private readonly certificates = new Map<string, Promise<MemberCertificateFiles>>();

  private constructor(
    readonly options: LocalClusterOptions,
    readonly etcd: Etcd3,
  ) {}

  static async start(options: LocalClusterOptions): Promise<LocalCluster> {
    const cluster = new LocalCluster(options, connectEtcd([options.etcdEndpoint]));
    try {
      if (cluster.certDir !== undefined) {
        await ensureCertificateAuthority(cluster.certDir);
        // For operator tools (`baton health`, probes in tests) that check members directly.
        await cluster.memberCertificate(cluster.certDir, OPERATOR, 'client');
      }
      const { masters, workers, coordinators } = options.layout;
      const roles: Role[] = [
        ...Array<Role>(coordinators).fill('coordinator'),
        ...Array<Role>(masters).fill('master'),
        ...Array<Role>(workers).fill('worker'),
        ...Array<Role>(options.layout.apis ?? 1).fill('api'),
      ];
      // Masters and the api run migrations at start; they serialize on a MySQL named lock.
      await Promise.all(
        roles.map((role) =>
          cluster.add(role, undefined, role === 'api' ? options.apiEnv : undefined),
        ),
      );
      return cluster;
    } catch (err) {
      await cluster.stopAll();
      throw err;
    }
  }

  /** Where the CA and the member certificates are; undefined when TLS is off. */
  get certDir(): string | undefined {
    return this.options.tls === false ? undefined : join(this.options.baseDir, 'certs');
  }

  /** The CA certificate api clients trust; undefined when TLS is off. */
  get caFile(): string | undefined {
    const dir = this.certDir;
    return dir === undefined ? undefined : caPaths(dir).certFile;
  }

  /**
   * How an api client's ChannelPool connects: TLS trusting the CA (no client certificate), or
   * plaintext when TLS is off.
   */
  apiCredentials(): grpc.ChannelCredentials | ChannelSecurity {
    const caFile = this.caFile;
    return channelSecurity(caFile === undefined ? undefined : { ca: readFileSync(caFile) });
  }

  /**
   * Credentials of the `client` certificate made at start (role client: health checks and
   * reflection only), for operator tools; plaintext when TLS is off.
   */
  operatorCredentials(): grpc.ChannelCredentials {
    const files = this.operatorFiles();
    return channelCredentials(files && readTlsMaterial(files));
  }

  /** The files behind `operatorCredentials` (`baton health --ca --cert --key`). */
  operatorFiles(): TlsFiles | undefined {
    const dir = this.certDir;
    if (dir === undefined) return undefined;
    return { caFile: caPaths(dir).certFile, ...memberPaths(dir, OPERATOR) };
  }

  /**
   * How a ChannelPool of a cluster member of `role` named `name` (default `test-<role>`)
   * connects, for a test or tool that calls internal services directly; the certificate is made
   * on first use. Plaintext when TLS is off.
   */
  async clientCredentials(
    role: MemberRole,
    name = `test-${role}`,
  ): Promise<grpc.ChannelCredentials | ChannelSecurity> {
    const dir = this.certDir;
    if (dir === undefined) return channelSecurity(undefined);
    const member = await this.memberCertificate(dir, name, role);
    return channelSecurity(readTlsMaterial({ caFile: caPaths(dir).certFile, ...member }));
  }

  private memberCertificate(
    dir: string,
    name: string,
    role: MemberRole,
  ): Promise<MemberCertificateFiles> {
    let issued = this.certificates.get(name);
    if (issued === undefined) {
      issued = ensureMemberCertificate(dir, { name, role });
      this.certificates.set(name, issued);
    }
    return issued;
  }

  /** The settings every service of this cluster gets. */
  serviceEnv(): Record<string, string> {
    const o = this.options;
    return {
      ETCD_ENDPOINTS: o.etcdEndpoint,
      ETCD_PREFIX: o.etcdPrefix,
      MYSQL_URL: o.mysqlUrl,
      LEASE_TTL_MS: String(o.leaseTtlMs),
      // Without certificates the services must be told plaintext is meant.
      ...(o.tls === false ? { ALLOW_PLAINTEXT: 'true' } : {}),
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
    const dir = this.certDir;
    if (dir !== undefined) {
      const member = await this.memberCertificate(dir, processName, role);
      extra['TLS_CA_FILE'] = caPaths(dir).certFile;
      extra['TLS_CERT_FILE'] = member.certFile;
      extra['TLS_KEY_FILE'] = member.keyFile;
    }
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
