import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtcdKeys } from '../shared/etcd/keys.js';
import { parseMemberInfo } from '../shared/etcd/members.js';
import { scrape, sumOf, valueOf, type Sample } from './support/prometheus-text.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

const LEASE_TTL_MS = 3_000;

describe('Prometheus metrics (2 masters, 1 coordinator, 1 worker, 1 api)', () => {
  let t: TestCluster;
  const keys = (): EtcdKeys => new EtcdKeys(t.cluster.options.etcdPrefix);

  beforeAll(async () => {
    t = await startTestCluster('metrics', {
      layout: { masters: 2, coordinators: 1, workers: 1 },
      leaseTtlMs: LEASE_TTL_MS,
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** The `metricsAddress` a process published in its member key. */
  async function metricsAddressOf(name: string): Promise<string> {
    const process = t.cluster.get(name);
    const raw = await t.cluster.etcd.get(keys().member(process.role, name)).string();
    const address = raw === null ? undefined : parseMemberInfo(raw)?.metricsAddress;
    if (address === undefined) throw new Error(`${name} published no metrics address`);
    return address;
  }

  async function scrapeOf(name: string): Promise<Sample[]> {
    return scrape(await metricsAddressOf(name));
  }

  /** A gate file that a task's command waits for, and the function that opens it. */
  function gate(label: string): { command: string; open: () => void } {
    const path = join(t.dir, `${label}.gate`);
    return {
      command: `while [ ! -e ${path} ]; do sleep 0.1; done`,
      open: () => writeFileSync(path, ''),
    };
  }

  it('every process serves /metrics at the address in its member key, its lease fresh', async () => {
    const names = [...t.cluster.processes.keys()];
    expect(names.sort()).toEqual(['api-1', 'coordinator-1', 'master-1', 'master-2', 'worker-1']);
    for (const name of names) {
      const samples = await scrapeOf(name);
      const role = t.cluster.get(name).role;
      expect(
        valueOf(samples, 'target_info', { service_name: `baton-${role}` }),
        `${name} target_info`,
      ).toBe(1);
      expect(samples.find((s) => s.name === 'target_info')?.labels.service_instance_id).toBe(name);
      const age = valueOf(samples, 'baton_lease_keepalive_age');
      expect(age, `${name} keep-alive age`).toBeGreaterThanOrEqual(0);
      expect(age, `${name} keep-alive age`).toBeLessThan(LEASE_TTL_MS);
      expect(valueOf(samples, 'baton_lease_lost_total'), `${name} lease losses`).toBe(0);
    }
    const master = await scrapeOf('master-1');
    expect(valueOf(master, 'baton_failovers_total')).toBe(0);
    expect(valueOf(master, 'baton_takeovers_total')).toBe(0);
    expect(sumOf(master, 'baton_master_owned_instances')).toBe(0);
  });

  it('the api counts instances and tasks by state as MySQL holds them; the worker times RunTask', async () => {
    await t.api.ApplyWorkflow({
      yaml: 'name: ok\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n',
    });
    await t.api.ApplyWorkflow({
      yaml: 'name: bad\ntasks:\n  - { name: a, type: SHELL, command: "exit 3" }\n',
    });
    const apiBefore = await scrapeOf('api-1');
    const workerBefore = await scrapeOf('worker-1');
    const ids = [
      (await t.api.StartInstance({ workflow: 'ok' })).id,
      (await t.api.StartInstance({ workflow: 'ok' })).id,
      (await t.api.StartInstance({ workflow: 'bad' })).id,
    ];
    const ends = await Promise.all(ids.map((id) => waitForEnd(t.api, id)));
    expect(ends.map((e) => e.state)).toEqual(['SUCCESS', 'SUCCESS', 'FAILURE']);

    const counted = async (table: 'workflow_instances' | 'task_instances', state: string) =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('state', '=', state)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const delta = (after: Sample[], name: string, state: string): number =>
      (valueOf(after, name, { state }) ?? NaN) - (valueOf(apiBefore, name, { state }) ?? NaN);
    // Counts are cached for a second: poll until the scrape shows the new ones.
    await expect
      .poll(async () => {
        const after = await scrapeOf('api-1');
        return [
          delta(after, 'baton_instances', 'SUCCESS'),
          delta(after, 'baton_instances', 'FAILURE'),
          delta(after, 'baton_tasks', 'SUCCESS'),
          delta(after, 'baton_tasks', 'FAILURE'),
        ];
      })
      .toEqual([2, 1, 2, 1]);
    const after = await scrapeOf('api-1');
    for (const state of ['SUCCESS', 'FAILURE', 'RUNNING', 'SERIAL_WAIT', 'STOP']) {
      expect(valueOf(after, 'baton_instances', { state }), state).toBe(
        await counted('workflow_instances', state),
      );
    }
    for (const state of ['SUCCESS', 'FAILURE', 'RUNNING', 'KILL']) {
      expect(valueOf(after, 'baton_tasks', { state }), state).toBe(
        await counted('task_instances', state),
      );
    }
    expect(valueOf(after, 'baton_instances', { state: 'RUNNING' })).toBe(0);

    const workerAfter = await scrapeOf('worker-1');
    const runTasks = (s: Sample[]): number =>
      sumOf(s, 'rpc_server_duration_count', {
        rpc_service: 'baton.v1.Worker',
        rpc_method: 'RunTask',
      });
    expect(runTasks(workerAfter) - runTasks(workerBefore)).toBeGreaterThanOrEqual(3);
  });

  it('the coordinator reports a serial queue’s depth and times each hand-off', async () => {
    const { command, open } = gate('serial');
    await t.api.ApplyWorkflow({
      yaml: `name: serial\nexecutionType: SERIAL_WAIT\ntasks:\n  - { name: a, type: SHELL, command: '${command}' }\n`,
    });
    const depth = async (): Promise<number | undefined> =>
      valueOf(await scrapeOf('coordinator-1'), 'baton_serial_queue_depth', {
        workflow: 'serial',
      });
    const holder = await t.api.StartInstance({ workflow: 'serial' });
    await waitForInstance(t.api, holder.id, (i) => i.tasks[0]?.state === 'RUNNING');
    await expect.poll(depth).toBe(0);
    const waiting = [];
    for (let i = 0; i < 2; i += 1) {
      const { id } = await t.api.StartInstance({ workflow: 'serial' });
      await waitForInstance(t.api, id, (x) => x.state === 'SERIAL_WAIT');
      waiting.push(id);
    }
    await expect.poll(depth).toBe(2);

    open();
    const ends = await Promise.all(
      [holder.id, ...waiting].map((id) => waitForEnd(t.api, id, 30_000)),
    );
    expect(ends.map((e) => e.state)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    await expect.poll(depth).toBe(0);
    // Each of the two successors was admitted by exactly one hand-off (holder out, next in).
    const samples = await scrapeOf('coordinator-1');
    expect(sumOf(samples, 'baton_serial_handoff_duration_count', { workflow: 'serial' })).toBe(2);
    const sum = sumOf(samples, 'baton_serial_handoff_duration_sum', { workflow: 'serial' });
    expect(sum).toBeGreaterThan(0);
    // ... each well within one reconcile pass plus MySQL and etcd round trips.
    expect(sum).toBeLessThan(2 * 5_000);
    const paths = samples
      .filter((s) => s.name === 'baton_serial_handoff_duration_count')
      .map((s) => s.labels.path);
    expect(paths.every((p) => ['release', 'reconciler', 'enqueue', 'remove'].includes(p!))).toBe(
      true,
    );
  });

  it('a master’s death is counted as a failover on the survivor, its running task as taken over', async () => {
    const { command, open } = gate('failover');
    await t.api.ApplyWorkflow({
      yaml: `name: long\ntasks:\n  - { name: a, type: SHELL, command: '${command}' }\n`,
    });
    const { id } = await t.api.StartInstance({ workflow: 'long' });
    const running = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    const victim = running.owner;
    const survivor = victim === 'master-1' ? 'master-2' : 'master-1';
    expect(
      valueOf(await scrapeOf(victim), 'baton_master_owned_instances', { state: 'RUNNING' }),
    ).toBe(1);
    const before = await scrapeOf(survivor);
    expect(valueOf(before, 'baton_master_owned_instances', { state: 'RUNNING' })).toBe(0);
    const survivorAddress = await metricsAddressOf(survivor);

    process.kill(t.cluster.get(victim).pid, 'SIGKILL');
    await waitForInstance(t.api, id, (i) => i.owner === survivor, 30_000);
    await expect
      .poll(async () => {
        const s = await scrape(survivorAddress);
        return [
          valueOf(s, 'baton_failovers_total'),
          valueOf(s, 'baton_takeovers_total'),
          valueOf(s, 'baton_master_owned_instances', { state: 'RUNNING' }),
        ];
      })
      .toEqual([1, 1, 1]);

    open();
    const done = await waitForEnd(t.api, id);
    expect(done.state).toBe('SUCCESS');
    expect(done.tasks.map((x) => [x.attempt, x.state])).toEqual([[1, 'SUCCESS']]);
    await expect
      .poll(async () =>
        valueOf(await scrape(survivorAddress), 'baton_master_owned_instances', {
          state: 'RUNNING',
        }),
      )
      .toBe(0);
  });

  it('a lease lost while paused is counted, and the keep-alive age is fresh again after rejoining', async () => {
    const worker = t.cluster.get('worker-1');
    const address = await metricsAddressOf('worker-1');
    const memberKey = keys().member('worker', 'worker-1');
    const leaseOf = async (): Promise<string | undefined> =>
      (await t.cluster.etcd.get(memberKey).exec()).kvs[0]?.lease;
    const firstLease = await leaseOf();
    expect(firstLease).toBeDefined();
    process.kill(worker.pid, 'SIGSTOP');
    try {
      // Paused past its TTL: etcd expires the lease and the member key goes with it.
      await expect.poll(leaseOf, { timeout: 4 * LEASE_TTL_MS, interval: 100 }).toBeUndefined();
    } finally {
      process.kill(worker.pid, 'SIGCONT');
    }
    await expect
      .poll(leaseOf, { timeout: 4 * LEASE_TTL_MS })
      .toSatisfy((lease) => lease !== undefined && lease !== firstLease);
    const samples = await scrape(address);
    expect(valueOf(samples, 'baton_lease_lost_total')).toBe(1);
    expect(valueOf(samples, 'baton_lease_keepalive_age')).toBeLessThan(LEASE_TTL_MS);
  });
});
