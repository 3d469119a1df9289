import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEtcd, type EtcdServer } from '../services/cli/cluster/infra/etcd-server.js';
import { scratchParent } from '../services/cli/cluster/infra/scratch-dir.js';
import { EtcdKeys } from '../shared/etcd/keys.js';
import { parseMemberInfo } from '../shared/etcd/members.js';
import { isRetryable } from '../shared/errors.js';
import { withRetry } from '../shared/retry.js';
import { scrape, valueOf } from './support/prometheus-text.js';
import { startTestCluster, waitForEnd, type TestCluster } from './support/test-cluster.js';

/**
 * etcd 3.4 renews a lease only once its applied index has caught up (it waits up to 1 s, then
 * answers "waiting for the applied index took too long"): while the flood keeps the apply loop
 * more than a second behind, no client can renew, whatever it does. Measured on this machine
 * under load, the flood's bursts leave gaps of up to 7.5 s between renewals; with keep-alives
 * every TTL/3, a 20 s TTL covers that with margin. What Baton controls is tested: its own load
 * must not starve its keep-alives, and `too many requests` must be waited out, not fatal.
 */
const LEASE_TTL_MS = 20_000;
const FLOOD_MS = 15_000;

/**
 * Issue 12, overload without collapse: etcd is driven into `too many requests` for 15 s (a
 * child process flooding the test's own etcd with slow-to-apply transactions in bursts, see
 * test/chaos/etcd-flood.ts) while serial and parallel workflows run. Runs alone, after the
 * rest of the suite (vitest.config.ts). No process loses its lease, no master fails over or takes over, the
 * serial definition never runs two at once, and everything submitted completes afterwards.
 * Starts an etcd and a cluster of its own and floods that etcd (needs `npm run build`).
 */
describe('etcd overload (2 masters, 1 coordinator, 1 worker, 1 api)', () => {
  let t: TestCluster;
  let etcd: EtcdServer;
  let scratch: string;

  beforeAll(async () => {
    // An etcd of its own: flooding the run's shared etcd would overload every other test.
    scratch = await mkdtemp(join(await scratchParent(), 'baton-overload-'));
    etcd = await startEtcd({ dataDir: join(scratch, 'etcd') });
    t = await startTestCluster('etcd-overload', {
      layout: { masters: 2, coordinators: 1, workers: 1 },
      leaseTtlMs: LEASE_TTL_MS,
      etcdEndpoint: etcd.endpoint,
    });
  });
  afterAll(async () => {
    await t?.dispose();
    await etcd?.stop();
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  });

  async function samplesOf(name: string): Promise<Awaited<ReturnType<typeof scrape>>> {
    const keys = new EtcdKeys(t.cluster.options.etcdPrefix);
    const process = t.cluster.get(name);
    const raw = await t.cluster.etcd.get(keys.member(process.role, name)).string();
    const address = raw === null ? undefined : parseMemberInfo(raw)?.metricsAddress;
    if (address === undefined) throw new TypeError(`${name} published no metrics address`);
    return scrape(address);
  }

  /** Starts an instance, retrying what the api says may be retried (busy, unavailable). */
  function start(workflow: string): Promise<string> {
    return withRetry(async () => (await t.api.StartInstance({ workflow })).id, {
      retries: Infinity,
      deadline: Date.now() + 60_000,
      initialDelayMs: 100,
      maxDelayMs: 2_000,
      retryOn: isRetryable,
    });
  }

  function flood(): Promise<{ puts: number; tooManyRequests: number; otherErrors: number }> {
    const script = join(process.cwd(), 'dist/test/chaos/etcd-flood.js');
    expect(existsSync(script), 'npm run build first').toBe(true);
    const child = spawn(
      process.execPath,
      [
        script,
        '--endpoint',
        etcd.endpoint.replace(/^https?:\/\//, ''),
        '--prefix',
        t.cluster.options.etcdPrefix,
        '--duration-ms',
        String(FLOOD_MS),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.once('exit', (code) =>
        code === 0
          ? resolve(JSON.parse(output.trim().split('\n')[0]!) as never)
          : reject(new Error(`etcd flood exited ${code}: ${output}`)),
      );
    });
  }

  it(
    'keeps every lease, fails nothing over, and completes every workflow',
    { timeout: 240_000 },
    async () => {
      await t.api.ApplyWorkflow({
        yaml: 'name: ov-serial\nexecutionType: SERIAL_WAIT\ntasks:\n  - { name: a, type: SHELL, command: "sleep 0.2" }\n',
      });
      await t.api.ApplyWorkflow({
        yaml: 'name: ov-parallel\ntasks:\n  - { name: a, type: SHELL, command: "sleep 0.2" }\n  - { name: b, type: SHELL, command: "true", dependsOn: [a] }\n',
      });
      const ids: string[] = [];
      for (let i = 0; i < 10; i += 1)
        ids.push(await start('ov-serial'), await start('ov-parallel'));

      const flooding = flood();
      let flooded = false;
      const settled = flooding.then(
        () => (flooded = true),
        () => (flooded = true),
      );
      // Keep submitting while etcd is overloaded: the api may say "busy", never fail for good.
      // Paced at a pair a second until the flood ends (a submission rate, not a wait for state).
      while (!flooded) {
        ids.push(await start('ov-serial'), await start('ov-parallel'));
        await Promise.race([settled, delay(1_000)]);
      }
      const load = await flooding;
      expect(load.tooManyRequests, 'the flood drove etcd into "too many requests"').toBeGreaterThan(
        0,
      );

      for (const id of ids)
        expect((await waitForEnd(t.api, id, 120_000)).state, id).toBe('SUCCESS');

      for (const name of t.cluster.processes.keys()) {
        const samples = await samplesOf(name);
        expect(valueOf(samples, 'baton_lease_lost_total'), `${name} lease losses`).toBe(0);
        if (t.cluster.get(name).role === 'master') {
          expect(valueOf(samples, 'baton_failovers_total'), `${name} failovers`).toBe(0);
          expect(valueOf(samples, 'baton_takeovers_total'), `${name} take-overs`).toBe(0);
        }
      }

      // S1 and S3 on the durable record: serial runs never overlap and follow submission order.
      const serial = await t.db
        .selectFrom('workflow_instances')
        .select(['id', 'started_at', 'ended_at'])
        .where('workflow', '=', 'ov-serial')
        .orderBy('started_at')
        .execute();
      for (let i = 1; i < serial.length; i += 1) {
        const before = serial[i - 1]!;
        const after = serial[i]!;
        expect(after.started_at!.getTime()).toBeGreaterThanOrEqual(before.ended_at!.getTime());
        expect(BigInt(after.id) > BigInt(before.id), `${after.id} ran after ${before.id}`).toBe(
          true,
        );
      }
    },
  );
});
