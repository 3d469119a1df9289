import { status } from '@grpc/grpc-js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelPool, makeServiceClient } from '../shared/grpc/client.js';
import { batonProto } from '../shared/proto/load.js';
import { statusCodeOf } from './support/call-status.js';
import { readIntervals, recordedCommand } from './support/execution-record.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

/**
 * Focused, deterministic versions of faults the chaos run (test/chaos) found, one per fix.
 * Outcomes are checked on what the tasks wrote and on the MySQL rows.
 */

/** The lines a task appended to `file` (one per run). */
function linesOf(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

async function rowOf(t: TestCluster, id: string) {
  return t.db
    .selectFrom('workflow_instances')
    .select(['state', 'owner', 'owner_epoch'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

describe('orphans of the master itself (reconciler full scan)', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster('chaos-fixes-orphans');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('takes back an instance whose owner key is gone while its row still names this live master', async () => {
    const record = join(t.dir, 'orphan.txt');
    await t.api.ApplyWorkflow({
      yaml: `name: orphan\ntasks:\n  - { name: a, type: SHELL, command: '${recordedCommand(record, 'true')}' }\n`,
    });
    // Holds the dispatch while the owner key goes: the worker then refuses it (no owner in
    // etcd), and the master drops the run without releasing anything — as after a lost lease.
    t.setRacePoints({ 'master.before-run-task': { scope: 'orphan', ms: 4_000 } });
    const { id } = await t.api.StartInstance({ workflow: 'orphan' });
    const dispatched = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'DISPATCHED');
    const ownerKey = `${t.cluster.options.etcdPrefix}owners/${id}`;
    expect(await t.cluster.etcd.get(ownerKey).string()).toBe(dispatched.owner);
    await t.cluster.etcd.delete().key(ownerKey).exec();
    t.setRacePoints({});

    const done = await waitForEnd(t.api, id, 30_000);
    expect(done.state).toBe('SUCCESS');
    const row = await rowOf(t, id);
    // Re-claimed by the same (live) master under a new epoch, and the task ran exactly once.
    expect([row.state, row.owner]).toEqual(['SUCCESS', dispatched.owner]);
    expect(BigInt(row.owner_epoch)).toBeGreaterThan(BigInt(dispatched.owner_epoch));
    expect(readIntervals(record).filter((i) => i.instance === id)).toHaveLength(1);
  });

  it('takes back its instances after every master lost its lease at once (paused past the TTL)', async () => {
    const record = join(t.dir, 'paused.txt');
    await t.api.ApplyWorkflow({
      yaml: `name: paused\ntasks:\n  - { name: a, type: SHELL, command: '${recordedCommand(record, 'sleep 4')}' }\n`,
    });
    const { id } = await t.api.StartInstance({ workflow: 'paused' });
    const running = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    const master = t.cluster.get(running.owner);
    process.kill(master.pid, 'SIGSTOP');
    const ownerKey = `${t.cluster.options.etcdPrefix}owners/${id}`;
    try {
      // The lease expired: its owner key is gone, and no other master exists to adopt it.
      await expect
        .poll(() => t.cluster.etcd.get(ownerKey).string(), { timeout: 15_000, interval: 200 })
        .toBeNull();
    } finally {
      process.kill(master.pid, 'SIGCONT');
    }
    const done = await waitForEnd(t.api, id, 30_000);
    expect(done.state).toBe('SUCCESS');
    expect(BigInt((await rowOf(t, id)).owner_epoch)).toBeGreaterThan(BigInt(running.owner_epoch));
    const runs = readIntervals(record).filter((i) => i.instance === id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.end).toBeDefined();
  });
});

describe('a failed batch adoption (adoptMany)', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster('chaos-fixes-adopt-many', { layout: { masters: 2 } });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('neither crashes the surviving master nor loses the instances: a later pass adopts them', async () => {
    const record = join(t.dir, 'adopt.txt');
    await t.api.ApplyWorkflow({
      yaml: `name: adopt\ntasks:\n  - { name: a, type: SHELL, command: '${recordedCommand(record, 'sleep 3')}' }\n`,
    });
    const { id } = await t.api.StartInstance({ workflow: 'adopt' });
    const running = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    const survivor = t.cluster.ofRole('master').find((m) => m.name !== running.owner)!;
    // MySQL fails the failover's claim transaction (it records the take-over in state_changes).
    await sql`RENAME TABLE state_changes TO state_changes_away`.execute(t.db);
    try {
      process.kill(t.cluster.get(running.owner).pid, 'SIGKILL');
      await expect
        .poll(
          async () =>
            survivor.hasExited() || (await survivor.logTail()).includes('batch adoption failed'),
          { timeout: 20_000, interval: 200 },
        )
        .toBe(true);
    } finally {
      await sql`RENAME TABLE state_changes_away TO state_changes`.execute(t.db);
    }

    const done = await waitForEnd(t.api, id, 30_000);
    expect(survivor.hasExited()).toBe(false);
    expect(done.state).toBe('SUCCESS');
    const row = await rowOf(t, id);
    expect([row.state, row.owner]).toEqual(['SUCCESS', survivor.name]);
    expect(readIntervals(record).filter((i) => i.instance === id)).toHaveLength(1);
  });
});

describe('a worker restarted under the same name before the master saw it go', () => {
  let t: TestCluster;
  /** Dispatches as a master does (its certificate has the master role). */
  let channels: ChannelPool | undefined;
  beforeAll(async () => {
    // No periodic reconcile pass: none may fall in the instant the name is unregistered.
    t = await startTestCluster('chaos-fixes-reborn', { env: { RECONCILE_INTERVAL_MS: '600000' } });
    channels = new ChannelPool(await t.cluster.clientCredentials('master'));
  });
  afterAll(async () => {
    channels?.close();
    await t?.dispose();
  });

  it('retries the attempt the old incarnation had, once; the new one refuses work for the old', async () => {
    const attempts = join(t.dir, 'attempts.txt');
    await t.api.ApplyWorkflow({
      yaml: `name: reborn\ntasks:\n  - { name: a, type: SHELL, command: 'echo "$BATON_TASK_ATTEMPT" >> ${attempts}; sleep 16' }\n`,
    });
    const { id } = await t.api.StartInstance({ workflow: 'reborn' });
    const running = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    await expect.poll(() => linesOf(attempts)).toEqual(['1']);
    const [old] = (await t.api.ListMembers({})).members.filter((m) => m.role === 'worker');
    // The master sees the old incarnation's removal only 12 s late: the new incarnation is
    // registered (same name, same address) long before.
    t.setRacePoints({ 'master.before-worker-gone': { scope: old!.started_at, ms: 12_000 } });
    process.kill(t.cluster.get(old!.name).pid, 'SIGKILL');
    const reborn = await t.cluster.restart(old!.name);
    expect(reborn.address).toBe(old!.address);

    // The attempt of the old incarnation is lost and retried at once, not after the removal.
    await expect.poll(() => linesOf(attempts), { timeout: 7_000 }).toEqual(['1', '2']);

    // The new incarnation refuses a dispatch meant for the old one, and starts nothing.
    const probe = join(t.dir, 'probe.txt');
    const worker = makeServiceClient(batonProto().Worker.service, channels!.get(reborn.address));
    const current = await t.api.GetInstance({ id });
    const refused = worker.RunTask({
      task_instance_id: '900001',
      instance_id: id,
      epoch: current.owner_epoch,
      owner: current.owner,
      owner_address: '127.0.0.1:1',
      task_name: 'probe',
      attempt: 1,
      command: `echo probe >> ${probe}`,
      worker_started_at: old!.started_at,
    });
    expect(await statusCodeOf(refused)).toBe(status.FAILED_PRECONDITION);

    // The late removal of the old incarnation (seen while attempt 2 runs) loses nothing more.
    const done = await waitForEnd(t.api, id, 40_000);
    expect(done.state).toBe('SUCCESS');
    expect(linesOf(attempts)).toEqual(['1', '2']);
    expect(linesOf(probe)).toEqual([]);
    const tasks = await t.db
      .selectFrom('task_instances')
      .select(['attempt', 'state'])
      .where('instance_id', '=', id)
      .orderBy('attempt')
      .execute();
    expect(tasks).toEqual([
      { attempt: 1, state: 'NEED_FAULT_TOLERANCE' },
      { attempt: 2, state: 'SUCCESS' },
    ]);
    expect(running.tasks[0]!.worker).toBe(old!.name);
  });
});
