/**
 * Schedule controls (issue 15): a schedule taken offline and back online without a new
 * version, its `startAt`/`endAt` window, and `missed: all` after every master was down. Fire
 * times are read from MySQL (one instance per fire time, UNIQUE), times from MySQL's clock.
 */
import { status } from '@grpc/grpc-js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf } from './support/call-status.js';
import { cliFor } from './support/cli-runner.js';
import { startTestCluster, type TestCluster } from './support/test-cluster.js';

describe('schedule controls (2 masters)', () => {
  let t: TestCluster;

  beforeAll(async () => {
    t = await startTestCluster('schedule-controls', { layout: { masters: 2, workers: 1 } });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const yaml = (name: string, schedule: string) =>
    `name: ${name}\nschedule: { cron: "* * * * * *", ${schedule} }\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n`;

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

  const dbNow = async () =>
    (await sql<{ now: Date }>`SELECT NOW(3) AS now`.execute(t.db)).rows[0]!.now.getTime();

  async function untilDbTime(ms: number): Promise<void> {
    await expect.poll(dbNow, { timeout: 20_000, interval: 200 }).toBeGreaterThan(ms);
  }

  it('pause takes a schedule offline without a new version; resume fires again, not what passed offline', async () => {
    const cli = cliFor(t);
    await t.api.ApplyWorkflow({ yaml: yaml('pausable', 'missed: all') });
    await expect
      .poll(async () => (await fired('pausable')).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);

    const paused = await cli('schedule', 'pause', 'pausable');
    expect(paused.code).toBe(0);
    expect(paused.stdout).toContain('OFFLINE');
    const pausedAt = await dbNow();
    const offline = await t.api.GetWorkflow({ name: 'pausable', version: 0 });
    expect([offline.version, offline.schedule_state, offline.next_fire_at]).toEqual([
      1,
      'OFFLINE',
      '',
    ]);
    // Pausing again is answered as it is and writes no second audit row.
    expect(
      (await t.api.SetScheduleState({ workflow: 'pausable', state: 'OFFLINE' })).schedule_state,
    ).toBe('OFFLINE');
    const listing = await cli('workflows');
    expect(listing.stdout).toMatch(
      /pausable\s+1\s+PARALLEL\s+1\s+\S+ \S+ \S+ \S+ \S+ \S+ \(UTC\)\s+OFFLINE/,
    );

    // The scheduler is woken by the change notice; allow one fire period for it.
    await untilDbTime(pausedAt + 4_000);
    expect((await fired('pausable')).filter((at) => at > pausedAt + 1_000)).toEqual([]);

    const resumed = await cli('schedule', 'resume', 'pausable', '--json');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ scheduleState: 'ONLINE', version: 1 });
    const resumedAt = await dbNow();
    await expect
      .poll(async () => (await fired('pausable')).filter((at) => at > resumedAt).length, {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(2);
    // `missed: all` does not fire the seconds that passed while offline.
    expect(
      (await fired('pausable')).filter((at) => at > pausedAt + 1_000 && at < resumedAt - 1_000),
    ).toEqual([]);

    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target', '=', 'pausable@1')
      .where('action', 'like', 'schedule.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['schedule.pause', 'schedule.resume']);
    await t.api.SetScheduleState({ workflow: 'pausable', state: 'OFFLINE' });
  });

  it('answers bad schedule controls with a clear error and writes nothing', async () => {
    await t.api.ApplyWorkflow({
      yaml: 'name: unscheduled\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n',
    });
    expect(
      await codeOf(t.api.SetScheduleState({ workflow: 'nope', state: 'OFFLINE' })),
    ).toMatchObject({ code: status.NOT_FOUND });
    const unscheduled = await codeOf(
      t.api.SetScheduleState({ workflow: 'unscheduled', state: 'OFFLINE' }),
    );
    expect(unscheduled.code).toBe(status.FAILED_PRECONDITION);
    expect(unscheduled.message).toContain('has no schedule');
    expect(
      await codeOf(t.api.SetScheduleState({ workflow: 'unscheduled', state: 'PAUSED' })),
    ).toMatchObject({
      code: status.INVALID_ARGUMENT,
      field: 'state',
    });
    const row = await t.db
      .selectFrom('workflows')
      .select(['schedule_state', 'schedule_state_at'])
      .where('name', '=', 'unscheduled')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ schedule_state: 'ONLINE', schedule_state_at: null });
  });

  it('fires only inside startAt..endAt', async () => {
    const start = Math.ceil((await dbNow()) / 1000) * 1000 + 3_000;
    const end = start + 3_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const applied = await t.api.ApplyWorkflow({
      yaml: yaml('windowed', `startAt: "${iso(start)}", endAt: "${iso(end)}"`),
    });
    expect(applied.next_fire_at).toBe(iso(start));
    await untilDbTime(end + 3_000);
    expect(await fired('windowed')).toEqual([start, start + 1_000, start + 2_000, start + 3_000]);
    expect((await t.api.GetWorkflow({ name: 'windowed', version: 0 })).next_fire_at).toBe('');
  });

  it('`missed: all` fires every fire time missed while no master ran, in order, once', async () => {
    await t.api.ApplyWorkflow({ yaml: yaml('catching-up', 'missed: all') });
    await expect
      .poll(async () => (await fired('catching-up')).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);
    const masters = t.cluster.ofRole('master').map((m) => m.name);
    for (const name of masters) process.kill(t.cluster.get(name).pid, 'SIGKILL');
    const downAt = await dbNow();
    await untilDbTime(downAt + 4_000);
    await Promise.all(masters.map((name) => t.cluster.restart(name)));
    const upAt = await dbNow();
    await expect
      .poll(async () => (await fired('catching-up')).filter((at) => at > upAt).length, {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(2);
    const times = await fired('catching-up');
    // Every second from the first fire on has its one instance: nothing missed was left out.
    const first = times[0]!;
    expect(times).toEqual(times.map((_, i) => first + i * 1_000));
    expect(times.filter((at) => at > downAt + 1_000 && at < upAt).length).toBeGreaterThanOrEqual(3);
    await t.api.SetScheduleState({ workflow: 'catching-up', state: 'OFFLINE' });
  });
});
