import { ReflectionService } from '@grpc/reflection';
import { serviceNameOf, ServiceHealth } from './grpc/health.js';
import { reflectedPackageDefinition } from './proto/load.js';
import { EventEmitter } from 'node:events';
import type { Etcd3 } from 'etcd3';
import { defaultNodeName, type CommonEnv } from './config/common-env.js';
import { connectEtcd } from './etcd/connect.js';
import { EtcdKeys, type Role } from './etcd/keys.js';
import { MemberLease } from './etcd/member-lease.js';
import { describeSelf, registerMember } from './etcd/members.js';
import { ChannelPool } from './grpc/client.js';
import { startGrpcServer, type RunningServer, type ServiceBinding } from './grpc/server.js';
import { Lifecycle } from './lifecycle.js';
import { createLogger, type Logger } from './log.js';

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
  private rejoining = false;
  /** The address other processes reach this one at; set by `serve`. */
  address = '';

  private constructor(
    readonly role: Role,
    readonly name: string,
    readonly env: CommonEnv,
    readonly log: Logger,
    readonly etcd: Etcd3,
    readonly keys: EtcdKeys,
    lease: MemberLease,
    readonly channels: ChannelPool,
    readonly lifecycle: Lifecycle,
    private readonly group: string | undefined,
  ) {
    super();
    this.currentLease = lease;
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
    const log = createLogger(role, name, env.LOG_LEVEL);
    const etcd = connectEtcd(env.ETCD_ENDPOINTS);
    const keys = new EtcdKeys(env.ETCD_PREFIX);
    const lease = await MemberLease.grant(etcd, env.LEASE_TTL_MS, log);
    const lifecycle = new Lifecycle(log, env.SHUTDOWN_GRACE_MS);
    return new ServiceRuntime(
      role,
      name,
      env,
      log,
      etcd,
      keys,
      lease,
      new ChannelPool(),
      lifecycle,
      options.group,
    );
  }

  /**
   * Starts the gRPC server with `bindings` and registers the process under
   * `members/<role>/<name>` with the address others should use. The first shutdown step stops
   * the server (in-flight calls finish).
   */
  async serve(bindings: ServiceBinding[]): Promise<RunningServer> {
    const health = new ServiceHealth(bindings.map((b) => serviceNameOf(b.definition)));
    const server = await startGrpcServer(this.env.LISTEN, bindings, (grpcServer) => {
      health.addTo(grpcServer);
      // Describes only what this process serves, so grpcurl lists nothing it cannot call.
      const services = [
        ...bindings.map((b) => serviceNameOf(b.definition)),
        'grpc.health.v1.Health',
      ];
      new ReflectionService(reflectedPackageDefinition(), { services }).addToServer(grpcServer);
    });
    this.address = this.env.ADVERTISE_ADDRESS ?? server.address;
    this.lifecycle.addStep('stop gRPC server', async () => {
      health.set(false);
      await server.shutdown(this.env.SHUTDOWN_GRACE_MS);
    });
    this.on('leaseLost', () => health.set(false));
    this.on('rejoined', () => health.set(true));
    await this.register();
    health.set(true);
    this.log.info({ address: this.address, role: this.role }, 'serving');
    return server;
  }

  /** Publishes this process under its lease (waits for an earlier incarnation's key to expire). */
  async register(): Promise<void> {
    const info = describeSelf(this.role, this.name, this.address, this.group);
    await registerMember(this.etcd, this.keys, this.currentLease, info, this.env.LEASE_TTL_MS * 3);
  }

  /** Adds the final steps: revoke the lease (our keys vanish at once), close clients. */
  finishShutdownSteps(): void {
    this.lifecycle.addStep('revoke lease', () => this.currentLease.revoke());
    this.lifecycle.addStep('close clients', () => {
      this.channels.close();
      this.etcd.close();
      return Promise.resolve();
    });
  }

  private watchLease(lease: MemberLease): void {
    lease.on('lost', (reason) => {
      if (this.lifecycle.draining) return;
      this.emit('leaseLost', reason);
      void this.rejoin();
    });
  }

  /** After a loss: a new lease, registered again, retried until it works or we shut down. */
  private async rejoin(): Promise<void> {
    if (this.rejoining) return;
    this.rejoining = true;
    try {
      while (!this.lifecycle.draining) {
        try {
          const lease = await MemberLease.grant(this.etcd, this.env.LEASE_TTL_MS, this.log);
          this.currentLease = lease;
          this.watchLease(lease);
          await this.register();
          this.log.info({ lease: lease.etcdId }, 'rejoined the cluster');
          this.emit('rejoined', lease);
          return;
        } catch (err) {
          this.log.warn({ err }, 'rejoin failed; retrying');
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    } finally {
      this.rejoining = false;
    }
  }
}
