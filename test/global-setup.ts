/**
 * vitest globalSetup: one etcd and one MariaDB for the whole run, in a fresh temporary
 * directory (on /dev/shm when possible: fsync-heavy servers start and run much faster on tmpfs).
 * Each test takes its own etcd prefix and database from test/support/test-env.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureInfraBinaries } from '../services/cli/cluster/infra/debian-packages.js';
import { startEtcd } from '../services/cli/cluster/infra/etcd-server.js';
import { startMariaDb } from '../services/cli/cluster/infra/mariadb-server.js';
import './support/provided-context.js';
import { scratchParent } from '../services/cli/cluster/infra/scratch-dir.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const startedAt = performance.now();
  const log = (line: string) => console.log(`[test infra] ${line}`);
  await ensureInfraBinaries(log);
  const root = await mkdtemp(join(await scratchParent(), 'baton-test-'));
  const [etcd, mariadb] = await Promise.allSettled([
    startEtcd({ dataDir: join(root, 'etcd') }),
    // Not `baton`: test/compose-wiring.test.ts creates that account with compose's password.
    startMariaDb({ dataDir: join(root, 'mariadb'), durable: false, user: 'baton_test' }),
  ]);
  const teardown = async (): Promise<void> => {
    await Promise.allSettled(
      [etcd, mariadb].map(async (started) => {
        if (started.status === 'fulfilled') await started.value.stop();
      }),
    );
    await rm(root, { recursive: true, force: true });
  };
  if (etcd.status === 'fulfilled' && mariadb.status === 'fulfilled') {
    project.provide('etcdEndpoint', etcd.value.endpoint);
    project.provide('mysqlUrl', mariadb.value.url);
    const ms = Math.round(performance.now() - startedAt);
    log(`etcd ${etcd.value.endpoint} and MariaDB port ${mariadb.value.port} ready in ${ms} ms`);
    return teardown;
  }
  await teardown();
  const failures = [etcd, mariadb].flatMap((s): unknown[] =>
    s.status === 'rejected' ? [s.reason] : [],
  );
  throw failures[0];
}
