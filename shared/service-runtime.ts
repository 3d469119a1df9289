import { ReflectionService } from '@grpc/reflection';
import { serviceNameOf, ServiceHealth } from './grpc/health.js';
import { reflectedPackageDefinition } from './proto/load.js';
import { EventEmitter } from 'node:events';
import type { Etcd3 } from 'etcd3';
import { defaultNodeName, type CommonEnv } from './config/common-env.js';
import { etcdClientSettings } from './config/etcd-client-settings.js';
import { EtcdBulkhead } from './etcd/bulkhead.js';
import { connectEtcd } from './etcd/connect.js';
import { EtcdKeys, type Role } from './etcd/keys.js';
import { MemberLease } from './etcd/member-lease.js';
import { describeSelf, markDraining, registerMember, type MemberInfo } from './etcd/members.js';
import { ChannelPool } from './grpc/client.js';
import { startGrpcServer, type RunningServer, type ServiceBinding } from './grpc/server.js';
import { InvalidArgumentError } from './errors.js';
import { Lifecycle } from './lifecycle.js';
import { racePoint } from './race-points.js';
import { withRetry } from './retry.js';
import { createLogger, type Logger } from './log.js';
import { registerLeaseMetrics, type LeaseMetrics } from './telemetry/lease-metrics.js';
import { startTelemetry, type Telemetry } from './telemetry/sdk.js';
import { channelSecurity, serverCredentials } from './tls/credentials.js';
import { readTlsMaterial, tlsFilesFrom, type TlsMaterial } from './tls/tls-settings.js';

const MARK_DRAINING_MS = 2_000;

interface RuntimeEvents {
  /** The old lease was lost and the process registered again under `lease`. */
  rejoined: [lease: MemberLease];
  /** The lease was lost: everything held under it is gone. Fired before rejoining. */
  leaseLost: [reason: string];
}

/**
 * What every Baton process has: its name, logger, etcd client and key layout, a live member
 * lease (renewed after a loss), its gRPC server and channel pool, and its shutdown sequence.
 */
export class ServiceRuntime extends EventEmitter<RuntimeEvents> {
  private currentLease: MemberLease;
  private readonly leaseMetrics: LeaseMetrics;
  /** The rejoin in progress after a lease loss, if any. */
  private rejoining: Promise<void> | undefined;
  private server: RunningServer | undefined;
  /** What `register` last published under the lease. */
  private member: MemberInfo | undefined;
  /** Bounds this process's bulk etcd work (scans, batched reads); see etcd/bulkhead.ts. */
  readonly bulk: EtcdBulkhead;
  /** The address other processes reach this one at; set by `serve`. */
  address = '';

  private constructor(
    readonly role: Role,
    readonly name: string,
    readonly env: CommonEnv,
    readonly log: Logger,
    /** Every etcd call but the lease's and membership's. */
    readonly etcd: Etcd3,
    /** The member lease (grant, keep-alives, revoke) and member registration only. */
    private readonly leaseEtcd: Etcd3,
    readonly keys: EtcdKeys,
    lease: MemberLease,
    readonly channels: ChannelPool,
    readonly lifecycle: Lifecycle,
    private readonly telemetry: Telemetry,
    private readonly group: string | undefined,
    /** This member's certificate and the cluster CA; undefined: internal traffic is plaintext. */
    readonly tls: TlsMaterial | undefined,
  ) {
    super();
    this.currentLease = lease;
    this.bulk = new EtcdBulkhead(env.ETCD_BULK_CONCURRENCY, env.ETCD_BULK_QUEUE);
    // The SDK started in `create`, before this: the instruments are live.
    this.leaseMetrics = registerLeaseMetrics(() => this.currentLease);
    this.watchLease(lease);
  }

  /** The lease currently held; replaced after a loss. */
  get lease(): MemberLease {
    return this.currentLease;
  }

  /**
   * Connects to etcd and grants this process's lease. Call `serve` once the handlers exist.
   */
  static async create(options: {
    role: Role;
    env: CommonEnv;
    group?: string;
  }): Promise<ServiceRuntime> {
    const { role, env } = options;
    const name = env.NODE_NAME ?? defaultNodeName(role);
    // Before anything connects: a partial or unreadable TLS setting fails the start.
    const tlsFiles = tlsFilesFrom(env);
    if (tlsFiles === undefined && !env.ALLOW_PLAINTEXT) {
      throw new InvalidArgumentError(
        'TLS_CA_FILE',
        'TLS_CA_FILE, TLS_CERT_FILE and TLS_KEY_FILE are required (baton certs init makes them); ' +
          'ALLOW_PLAINTEXT=true serves without TLS, open to anyone who reaches the port',
      );
    }
    const tls = tlsFiles === undefined ? undefined : readTlsMaterial(tlsFiles);
    // First, so every span and instrument made from here on is recorded.
    const telemetry = await startTelemetry({
      serviceName: `baton-${role}`,
      instanceId: name,
      metricsListen: env.METRICS_LISTEN,
    });
    const log = createLogger(role, name, env.LOG_LEVEL);
    if (tlsFiles === undefined) {
      log.warn(
        'ALLOW_PLAINTEXT: TLS_CA_FILE, TLS_CERT_FILE and TLS_KEY_FILE are not set: traffic is ' +
          'unauthenticated plaintext, and anyone who can reach this port can call it',
      );
    } else {
      log.info({ ca: tlsFiles.caFile, cert: tlsFiles.certFile }, 'mutual TLS for internal traffic');
    }
    const etcd = connectEtcd(etcdClientSettings(env));
    // The lease gets a client, and so a connection, of its own. Over one HTTP/2 connection a
    // keep-alive frame waits behind whatever is queued before it: the reconciler's owner-key
    // reads, the coordinator's sweeps, a bench's 100,000-key writes. Under that load every
    // keep-alive came late, every lease lapsed at once, and overload became mass failover
    // (issue 12). Its calls are few and small, so a shorter deadline: a grant or revoke that
    // hangs is retried well inside the TTL. etcd's own apply backlog still delays renewals on
    // the server; the bulkhead (etcd/bulkhead.ts) keeps Baton from building that backlog.
    const leaseEtcd = connectEtcd(etcdClientSettings(env), {
      ownConnection: true,
      callDeadlineMs: Math.min(5_000, Math.max(1_000, Math.floor(env.LEASE_TTL_MS / 3))),
    });
    const keys = new EtcdKeys(env.ETCD_PREFIX);
    const lease = await MemberLease.grant(leaseEtcd, env.LEASE_TTL_MS, log);
    const lifecycle = new Lifecycle(log, env.SHUTDOWN_GRACE_MS);
    return new ServiceRuntime(
      role,
      name,
      env,
      log,
      etcd,
      leaseEtcd,
      keys,
      lease,
      new ChannelPool(channelSecurity(tls)),
      lifecycle,
      telemetry,
      options.group,
      tls,
    );
  }

  /**
   * Starts the gRPC server with `bindings` and registers the process under
   * `members/<role>/<name>` with the address others should use. The first shutdown step stops
   * accepting: health turns NOT_SERVING and the member key is marked draining, so peers send no
   * new work; then the server stops (in-flight calls finish). With `serveWhileDraining` the
   * server keeps answering (health, take-overs, kills) while the process finishes its work, and
   * stops only in `finishShutdownSteps`, just before the lease is revoked.
   */
  async serve(
    bindings: ServiceBinding[],
    options: { serveWhileDraining?: boolean } = {},
  ): Promise<RunningServer> {
    const health = new ServiceHealth(bindings.map((b) => serviceNameOf(b.definition)));
    const server = await startGrpcServer(
      this.env.LISTEN,
      bindings,
      (grpcServer) => {
        health.addTo(grpcServer);
        // Describes only what this process serves, so grpcurl lists nothing it cannot call.
        const services = [
          ...bindings.map((b) => serviceNameOf(b.definition)),
          'grpc.health.v1.Health',
        ];
        new ReflectionService(reflectedPackageDefinition(), { services }).addToServer(grpcServer);
      },
      // Internal services take calls from cluster members only; the api's clients prove who
      // they are with bearer tokens, not certificates.
      serverCredentials(this.tls, this.role !== 'api'),
    );
    this.address = this.env.ADVERTISE_ADDRESS ?? server.address;
    this.server = server;
    this.lifecycle.addStep('stop accepting', async () => {
      health.set(false);
      await this.markDraining();
      if (options.serveWhileDraining !== true) await server.shutdown(this.env.SHUTDOWN_GRACE_MS);
    });
    this.on('leaseLost', () => health.set(false));
    this.on('rejoined', () => health.set(true));
    await racePoint('runtime.before-register', this.name);
    await this.registerOrRejoin();
    health.set(true);
    this.log.info({ address: this.address, role: this.role }, 'serving');
    return server;
  }

  /**
   * The `startedAt` this process is registered under right now: undefined before it has
   * registered, and from a lease loss until it has registered again under a new lease. Work
   * addressed to another incarnation (or arriving in between) must be refused.
   */
  get incarnation(): string | undefined {
    return this.currentLease.isFresh() ? this.member?.startedAt : undefined;
  }

  /** Publishes this process under its lease (waits for an earlier incarnation's key to expire). */
  async register(): Promise<void> {
    const info = describeSelf(
      this.role,
      this.name,
      this.address,
      this.group,
      reachableMetricsAddress(this.telemetry.metricsAddress, this.address),
    );
    await registerMember(
      this.leaseEtcd,
      this.keys,
      this.currentLease,
      info,
      this.env.LEASE_TTL_MS * 3,
    );
    this.member = info;
  }

  /**
   * The first registration. A process starved past its TTL while starting (a loaded machine,
   * a long GC) finds its lease gone before it registered: it then registers under a new lease,
   * as after any lease loss, instead of failing its start.
   */
  private async registerOrRejoin(): Promise<void> {
    const lease = this.currentLease;
    try {
      await this.register();
    } catch (err) {
      if (lease.isFresh()) throw err;
      this.log.warn({ err }, 'lease lost before registering; registering under a new lease');
      // The loss may have started a rejoin already (it may even have registered us): share it.
      if (this.rejoining !== undefined) await this.rejoining;
      else if (this.member === undefined) await this.rejoin();
    }
  }

  /** Best effort, bounded: a shutdown must not wait on an unreachable etcd. */
  private async markDraining(): Promise<void> {
    if (this.member === undefined) return;
    const marked = markDraining(this.leaseEtcd, this.keys, this.currentLease, this.member).catch(
      (err: unknown) => this.log.warn({ err }, 'could not mark this member draining'),
    );
    await Promise.race([marked, new Promise((r) => setTimeout(r, MARK_DRAINING_MS).unref())]);
  }

  /**
   * Adds the final steps: stop the gRPC server (if `serve` left it running; in-flight calls
   * finish), revoke the lease (our keys vanish at once), close clients.
   */
  finishShutdownSteps(): void {
    this.lifecycle.addStep('stop gRPC server', async () => {
      await this.server?.shutdown(this.env.SHUTDOWN_GRACE_MS);
    });
    this.lifecycle.addStep('revoke lease', () => this.currentLease.revoke());
    this.lifecycle.addStep('close clients', () => {
      this.channels.close();
      this.etcd.close();
      this.leaseEtcd.close();
      return Promise.resolve();
    });
    this.lifecycle.addStep('flush telemetry', () => this.telemetry.shutdown());
  }

  private watchLease(lease: MemberLease): void {
    lease.on('lost', (reason) => {
      // Whatever was registered went with the lease; `register` sets it again on rejoining.
      this.member = undefined;
      if (this.lifecycle.draining) return;
      this.leaseMetrics.leaseLost();
      this.emit('leaseLost', reason);
      // Before `serve` there is nothing registered yet: its first registration takes a new lease.
      if (this.server !== undefined) void this.rejoin();
    });
  }

  /**
   * After a loss: a new lease, registered again, retried until it works or we shut down.
   * Concurrent calls share the one rejoin in progress.
   */
  private rejoin(): Promise<void> {
    this.rejoining ??= this.rejoinLoop().finally(() => {
      this.rejoining = undefined;
    });
    return this.rejoining;
  }

  private async rejoinLoop(): Promise<void> {
    const attempt = async (): Promise<void> => {
      if (this.lifecycle.draining) return;
      const lease = await MemberLease.grant(this.leaseEtcd, this.env.LEASE_TTL_MS, this.log);
      this.currentLease = lease;
      this.watchLease(lease);
      await this.register();
      this.log.info({ lease: lease.etcdId }, 'rejoined the cluster');
      this.emit('rejoined', lease);
    };
    // Whatever failed (etcd down, the old key not yet expired), try again until shut down.
    await withRetry(attempt, {
      retries: Infinity,
      initialDelayMs: 250,
      maxDelayMs: 2_000,
      retryOn: (err) => {
        this.log.warn({ err }, 'rejoin failed; retrying');
        return !this.lifecycle.draining;
      },
    }).catch(() => undefined);
  }
}

/**
 * Where others scrape this process: a wildcard bind (0.0.0.0 in a container) is published with
 * the host of the advertised gRPC address, which is the name peers already reach it by.
 */
function reachableMetricsAddress(
  bound: string | undefined,
  advertised: string,
): string | undefined {
  if (bound === undefined) return undefined;
  const cut = bound.lastIndexOf(':');
  const host = bound.slice(0, cut);
  if (host !== '0.0.0.0' && host !== '::' && host !== '[::]') return bound;
  return `${advertised.slice(0, advertised.lastIndexOf(':'))}${bound.slice(cut)}`;
}
