import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from './support/test-cluster.js';

describe('cron schedules (2 masters)', () => {
  let t: TestCluster;

  beforeAll(async () => {
    t = await startTestCluster('schedules', { layout: { masters: 2, workers: 1 } });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function fired(workflow: string): Promise<number[]> {
    const rows = await t.db
      .selectFrom('workflow_instances')
      .select('scheduled_at')
      .where('workflow', '=', workflow)
      .where('scheduled_at', 'is not', null)
      .orderBy('scheduled_at')
      .execute();
    return rows.map((r) => r.scheduled_at!.getTime());
  }

  it('starts exactly one instance per fire time, also across a leader failover, and stops when unscheduled', async () => {
    const yaml =
      'name: ticking\nschedule: { cron: "* * * * * *" }\ntasks:\n  - { name: a, type: SHELL, command: "echo $BATON_INSTANCE_ID" }\n';
    const applied = await t.api.ApplyWorkflow({ yaml });
    expect(applied.spec?.schedule).toMatchObject({
      cron: '* * * * * *',
      timezone: 'UTC',
      missed: 'latest',
    });
    expect(applied.next_fire_at).not.toBe('');
    await expect
      .poll(async () => (await fired('ticking')).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(3);

    const leader = await t.cluster.etcd
      .get(`${t.cluster.options.etcdPrefix}scheduler/leader`)
      .string();
    expect(leader).not.toBeNull();
    process.kill(t.cluster.get(leader!).pid, 'SIGKILL');
    const before = (await fired('ticking')).length;
    await expect
      .poll(async () => (await fired('ticking')).length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(before + 3);
    const newLeader = await t.cluster.etcd
      .get(`${t.cluster.options.etcdPrefix}scheduler/leader`)
      .string();
    expect(newLeader).not.toBe(leader);

    await t.api.ApplyWorkflow({ yaml: yaml.replace('schedule: { cron: "* * * * * *" }\n', '') });
    // The new leader reloads on the change notice; after that nothing may fire any more.
    let reloadedAt = 0;
    await expect
      .poll(
        () => {
          const line = readFileSync(join(t.dir, `${newLeader}.log`), 'utf8')
            .split('\n')
            .filter((l) => l.includes('"msg":"schedules loaded"') && l.includes('"schedules":0'))
            .at(-1);
          reloadedAt =
            line === undefined ? 0 : Date.parse((JSON.parse(line) as { time: string }).time);
          return reloadedAt;
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
    // Two fire periods pass on the cluster's clock.
    await expect
      .poll(
        async () =>
          (await sql<{ now: Date }>`SELECT NOW(3) AS now`.execute(t.db)).rows[0]!.now.getTime(),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(reloadedAt + 2_000);
    expect((await fired('ticking')).filter((at) => at > reloadedAt + 1_000)).toEqual([]);

    const times = await fired('ticking');
    // One instance per fire time (UNIQUE), each on a whole second of the schedule.
    expect(new Set(times).size).toBe(times.length);
    for (const at of times) expect(at % 1000).toBe(0);
    const instances = await t.api.ListInstances({ workflow: 'ticking', limit: 1000 });
    expect(
      instances.instances.every(
        (i) => i.scheduled_at !== '' && i.params['system.schedule.time'] !== undefined,
      ),
    ).toBe(true);
    // A scheduled instance runs as of its fire time, whichever leader fired it.
    expect(instances.instances.length).toBe(times.length);
    for (const i of instances.instances) expect(i.schedule_time).toBe(i.scheduled_at);
    const rows = await t.db
      .selectFrom('workflow_instances')
      .select(['scheduled_at', 'schedule_time'])
      .where('workflow', '=', 'ticking')
      .execute();
    expect(rows.map((r) => r.schedule_time?.getTime())).toEqual(
      rows.map((r) => r.scheduled_at?.getTime()),
    );
  });

  it('rejects a bad cron expression with INVALID_ARGUMENT naming schedule.cron', async () => {
    await expect(
      t.api.ApplyWorkflow({
        yaml: 'name: bad\nschedule: { cron: "every day" }\ntasks:\n  - { name: a, type: SHELL, command: x }\n',
      }),
    ).rejects.toMatchObject({ field: 'schedule.cron' });
  });
});
