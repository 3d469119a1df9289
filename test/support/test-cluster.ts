/**
 * A real Baton cluster for one test: its own database and etcd prefix on the run's shared
 * etcd and MariaDB, and every service as a separate process (needs `npm run build`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ApiRole } from '../../shared/auth/api-roles.js';
import { TokenStore } from '../../shared/auth/token-store.js';
import { connectDb, type Db } from '../../shared/db/connect.js';
import { makeServiceClient, ChannelPool, type ServiceClient } from '../../shared/grpc/client.js';
import {
  LocalCluster,
  type ClusterLayout,
} from '../../services/cli/cluster/infra/local-cluster.js';
import type { BatonApiDefinition } from '../../shared/proto/gen/baton/v1/BatonApi.js';
import type { Instance__Output } from '../../shared/proto/gen/baton/v1/Instance.js';
import { batonProto } from '../../shared/proto/load.js';
import type { BatonApiStreams } from '../../shared/proto/streaming-methods.js';
import {
  createTestDatabase,
  etcdEndpoint,
  uniqueEtcdPrefix,
  type TestDatabase,
} from './test-env.js';

export type ApiClient = ServiceClient<BatonApiDefinition, BatonApiStreams>;

export interface TestCluster {
  cluster: LocalCluster;
  api: ApiClient;
  /** Direct access to the cluster's database, to check the durable record. */
  db: Db;
  database: TestDatabase;
  /** Where service logs and scratch files of this test go. */
  dir: string;
  /** The admin token `api` calls with (created straight in the cluster's database). */
  adminToken: string;
  /** A client for another api address (e.g. a second api process), or with another token. */
  apiAt(address: string, token?: string): ApiClient;
  /** Creates a token of `role` (named `<role>-<n>` unless named) and returns its secret. */
  issueToken(role: ApiRole, name?: string): Promise<string>;
  /** Sets the named race points every service of this cluster reads (shared/race-points.ts). */
  setRacePoints(points: Record<string, { scope?: string; ms: number; block?: boolean }>): void;
  dispose(): Promise<void>;
}

export interface TestClusterOptions {
  layout?: Partial<ClusterLayout>;
  leaseTtlMs?: number;
  env?: Record<string, string>;
  /** An etcd of the test's own (a test that overloads etcd must not slow every other test). */
  etcdEndpoint?: string;
}

export async function startTestCluster(
  label: string,
  options: TestClusterOptions = {},
): Promise<TestCluster> {
  const database = await createTestDatabase(label);
  const dir = mkdtempSync(join(tmpdir(), `baton-${label.replace(/[^a-z0-9]+/gi, '-')}-`));
  const raceFile = join(dir, 'race-points.json');
  const cluster = await LocalCluster.start({
    etcdEndpoint: options.etcdEndpoint ?? etcdEndpoint(),
    mysqlUrl: database.url,
    etcdPrefix: uniqueEtcdPrefix(label),
    leaseTtlMs: options.leaseTtlMs ?? 3_000,
    baseDir: dir,
    detached: false,
    layout: { masters: 1, workers: 1, coordinators: 1, ...options.layout },
    env: {
      LOG_LEVEL: 'debug',
      RECONCILE_INTERVAL_MS: '500',
      SERIAL_RECONCILE_INTERVAL_MS: '500',
      SUBMIT_GRACE_MS: '1000',
      BATON_RACE_FILE: raceFile,
      // Tests run as root (here and in CI); their tasks write to root-owned temp dirs.
      ALLOW_ROOT_TASKS: 'true',
      ...options.env,
    },
  });
  // TLS trusting the cluster's CA, as an api client connects (no client certificate).
  const channels = new ChannelPool(cluster.apiCredentials());
  const db = connectDb(database.url, { poolSize: 2 });
  const tokens = new TokenStore(db);
  let issued = 0;
  const issueToken = async (role: ApiRole, name?: string): Promise<string> => {
    issued += 1;
    return (await tokens.create(name ?? `${role}-${issued}`, role, 'test')).secret;
  };
  const adminToken = await issueToken('admin', 'test-admin');
  const apiAt = (address: string, token: string = adminToken): ApiClient =>
    makeServiceClient<BatonApiDefinition, BatonApiStreams>(
      batonProto().BatonApi.service,
      channels.get(address),
      { token },
    );
  return {
    cluster,
    api: apiAt(cluster.api.address),
    db,
    database,
    dir,
    adminToken,
    apiAt,
    issueToken,
    setRacePoints: (points) => writeFileSync(raceFile, JSON.stringify(points)),
    async dispose() {
      channels.close();
      await cluster.stopAll();
      await db.destroy();
      await database.drop();
    },
  };
}

const TERMINAL = ['SUCCESS', 'FAILURE', 'STOP', 'SERIAL_DISCARD'];

/** Waits (polling the api) until the instance has ended, and returns it. */
export async function waitForEnd(
  api: ApiClient,
  id: string,
  timeoutMs = 30_000,
): Promise<Instance__Output> {
  let last: Instance__Output | undefined;
  await expect
    .poll(
      async () => {
        last = await api.GetInstance({ id });
        return TERMINAL.includes(last.state);
      },
      { timeout: timeoutMs, interval: 100 },
    )
    .toBe(true);
  return last!;
}

/** Waits until `predicate` holds for the instance, and returns it. */
export async function waitForInstance(
  api: ApiClient,
  id: string,
  predicate: (instance: Instance__Output) => boolean,
  timeoutMs = 30_000,
): Promise<Instance__Output> {
  let last: Instance__Output | undefined;
  await expect
    .poll(
      async () => {
        last = await api.GetInstance({ id });
        return predicate(last);
      },
      { timeout: timeoutMs, interval: 100 },
    )
    .toBe(true);
  return last!;
}
