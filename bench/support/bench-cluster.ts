import { join } from 'node:path';
import { connectDb, type Db } from '../../shared/db/connect.js';
import { issueToken } from '../../shared/auth/issue-token.js';
import { ChannelPool, makeServiceClient, type ServiceClient } from '../../shared/grpc/client.js';
import {
  LocalCluster,
  type ClusterLayout,
} from '../../services/cli/cluster/infra/local-cluster.js';
import type { BatonApiDefinition } from '../../shared/proto/gen/baton/v1/BatonApi.js';
import { batonProto } from '../../shared/proto/load.js';
import type { BatonApiStreams } from '../../shared/proto/streaming-methods.js';
import type { BenchInfra } from './bench-infra.js';

export interface BenchCluster {
  cluster: LocalCluster;
  api: ServiceClient<BatonApiDefinition, BatonApiStreams>;
  db: Db;
  stop(): Promise<void>;
}

/** A Baton cluster of real processes on the bench's etcd and a fresh database. */
export async function startBenchCluster(
  infra: BenchInfra,
  label: string,
  layout: ClusterLayout,
  env: Record<string, string> = {},
): Promise<BenchCluster> {
  const url = await infra.database(label);
  const cluster = await LocalCluster.start({
    etcdEndpoint: infra.etcd.endpoint,
    mysqlUrl: url,
    etcdPrefix: `/bench/${label}/`,
    leaseTtlMs: 10_000,
    baseDir: join(infra.dir, label),
    detached: false,
    layout,
    // ALLOW_ROOT_TASKS: benches run as root on CI machines; a task user would only add setup.
    // MAX_PENDING_STARTS: the memory round parks 10,000 starts of one definition.
    env: {
      LOG_LEVEL: 'warn',
      MYSQL_POOL_SIZE: '20',
      ALLOW_ROOT_TASKS: 'true',
      MAX_PENDING_STARTS: '1000000',
      ...env,
    },
  });
  const channels = new ChannelPool(cluster.apiCredentials());
  const db = connectDb(url, { poolSize: 4 });
  return {
    cluster,
    api: makeServiceClient<BatonApiDefinition, BatonApiStreams>(
      batonProto().BatonApi.service,
      channels.get(cluster.api.address),
      {
        token: await issueToken(url, `bench-${label}-${Date.now()}`, 'operator', 'bench'),
      },
    ),
    db,
    async stop() {
      channels.close();
      await cluster.stopAll();
      await db.destroy();
    },
  };
}

/** Polls (this is a client) until `check` holds or `timeoutMs` passes. */
export async function until(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
