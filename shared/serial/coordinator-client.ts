import { MemberDirectory } from '../etcd/member-directory.js';
import { UnavailableError } from '../errors.js';
import { withRetry } from '../retry.js';
import {
  makeServiceClient,
  type CallOptions,
  type ChannelPool,
  type ServiceClient,
} from '../grpc/client.js';
import type { CoordinatorDefinition } from '../proto/gen/baton/v1/Coordinator.js';
import { batonProto } from '../proto/load.js';
import { ShardDirectory } from './shard-directory.js';
import type { ServiceRuntime } from '../service-runtime.js';
import { SerialKeys, shardOf } from './serial-keys.js';

type Coordinator = ServiceClient<CoordinatorDefinition>;

/**
 * Calls the coordinator that owns a definition's shard. While no coordinator owns it (one just
 * died and its shards are being taken over), or the call reached a coordinator that no longer
 * owns it, the call is retried against the owner of the moment, until `totalMs` has passed.
 */
export class CoordinatorClient {
  private constructor(
    private readonly shards: ShardDirectory,
    private readonly coordinators: MemberDirectory,
    private readonly channels: ChannelPool,
    readonly shardCount: number,
  ) {}

  /** Opens the watches it routes by (shard owners, live coordinators); `close` ends them. */
  static async open(runtime: ServiceRuntime): Promise<CoordinatorClient> {
    const { etcd, keys, log, channels, env } = runtime;
    const shards = await ShardDirectory.open(etcd, new SerialKeys(env.ETCD_PREFIX), log);
    const coordinators = await MemberDirectory.open(etcd, keys, 'coordinator', log);
    return new CoordinatorClient(shards, coordinators, channels, env.SERIAL_SHARDS);
  }

  async close(): Promise<void> {
    await this.shards.close();
    await this.coordinators.close();
  }

  async call<T>(
    workflow: string,
    op: (coordinator: Coordinator, options: CallOptions) => Promise<T>,
    totalMs = 30_000,
  ): Promise<T> {
    const deadline = Date.now() + totalMs;
    return withRetry(
      () => {
        const shard = shardOf(workflow, this.shardCount);
        const owner = this.shards.owner(shard);
        const member = owner === undefined ? undefined : this.coordinators.get(owner);
        if (member === undefined) {
          const why = `no coordinator owns shard ${shard} (workflow ${workflow})`;
          return Promise.reject(new UnavailableError(why));
        }
        const client = makeServiceClient(
          batonProto().Coordinator.service,
          this.channels.get(member.address),
        );
        return op(client, { timeoutMs: Math.max(1_000, Math.min(10_000, deadline - Date.now())) });
      },
      // Only "unreachable or not the owner now" is retried, against the owner of the moment.
      { retries: Infinity, deadline, retryOn: (err) => err instanceof UnavailableError },
    );
  }
}
