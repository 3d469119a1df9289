/**
 * Backfill across master failover (issue 15, per-date exactly once): the backfill's master —
 * the scheduler leader — is killed right after it recorded dates' instances and before it
 * handed them to masters, and in another case stalls (its whole process blocked) past its lease
 * while about to take a step. The survivor takes the backfill over under a newer term and
 * finishes it; every date ran exactly once, from a file the tasks append to outside Baton.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordedRuns, recordingCommand } from './support/interval-record.js';
import { startTestCluster, type TestCluster } from './support/test-cluster.js';

describe('backfill across master failover', () => {
  let t: TestCluster | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  // A 6 s lease here (3 s elsewhere): the survivor must keep leading once it took over, also on
  // a loaded machine, or the stalled leader could lead again, legitimately, and record dates.
  async function setUp(name: string, leaseTtlMs = 3_000) {
    t = await startTestCluster(name, { layout: { masters: 2, workers: 1 }, leaseTtlMs });
    const record = join(t.dir, 'record.txt');
    const command = recordingCommand(record, '${system.biz.date}', 'sleep 0.5');
    await t.api.ApplyWorkflow({
      yaml: `name: ${name}\ntasks:\n  - name: a\n    type: SHELL\n    command: '${command}'\n`,
    });
    const leaderKey = `${t.cluster.options.etcdPrefix}scheduler/leader`;
    const leader = (await t.cluster.etcd.get(leaderKey).string())!;
    return { t, record, leader };
  }

  const dates = ['20260301', '20260302', '20260303', '20260304', '20260305', '20260306'];

  async function finished(t: TestCluster, id: string) {
    await expect
      .poll(async () => (await t.api.GetBackfill({ id })).state, { timeout: 60_000 })
      .toBe('SUCCESS');
    return t.api.GetBackfill({ id });
  }

  it('the leader killed after recording dates, before handing them over: the survivor finishes, each date once', async () => {
    const { t, record, leader } = await setUp('backfill-killed');
    t.setRacePoints({ 'master.backfill.after-start-commit': { ms: 120_000 } });
    const started = await t.api.StartBackfill({
      workflow: 'backfill-killed',
      from: '2026-03-02',
      to: '2026-03-07',
      parallel: 2,
    });
    // The first step committed two dates' instances; nobody was handed them.
    await expect
      .poll(
        async () =>
          (
            await t.db
              .selectFrom('workflow_instances')
              .select('owner')
              .where('backfill_id', '=', started.id)
              .execute()
          ).map((r) => r.owner),
        { timeout: 15_000 },
      )
      .toEqual([null, null]);
    process.kill(t.cluster.get(leader).pid, 'SIGKILL');
    t.setRacePoints({});
    const done = await finished(t, started.id);
    expect(done.owner).not.toBe(leader);
    expect(done.dates.every((d) => d.state === 'SUCCESS')).toBe(true);
    expect(
      recordedRuns(record)
        .map((r) => r.key)
        .sort(),
    ).toEqual(dates);
  });

  it('a stalled leader that lost its lease writes nothing when it wakes: each date once', async () => {
    const { t, record, leader } = await setUp('backfill-stalled', 6_000);
    const started = await t.api.StartBackfill({
      workflow: 'backfill-stalled',
      from: '2026-03-02',
      to: '2026-03-07',
      parallel: 1,
    });
    await expect.poll(() => recordedRuns(record).length, { timeout: 15_000 }).toBeGreaterThan(0);
    // The leader's whole process stops at its next step for longer than its 6 s lease.
    t.setRacePoints({ 'master.backfill.before-step': { scope: leader, ms: 10_000, block: true } });
    await expect
      .poll(async () => (await t.api.GetBackfill({ id: started.id })).owner, { timeout: 30_000 })
      .not.toBe(leader);
    t.setRacePoints({});
    const done = await finished(t, started.id);
    expect(done.owner).not.toBe(leader);
    expect(
      recordedRuns(record)
        .map((r) => r.key)
        .sort(),
    ).toEqual(dates);
    // The stalled leader (alive again) recorded no date after the survivor took over: each
    // instance's creation is its recorder's, in order.
    const owners = await t.db
      .selectFrom('state_changes as c')
      .innerJoin('workflow_instances as i', 'i.id', 'c.instance_id')
      .select(['c.actor', 'i.schedule_time'])
      .where('i.backfill_id', '=', started.id)
      .where('c.from_state', 'is', null)
      .orderBy('c.id')
      .execute();
    const firstBySurvivor = owners.findIndex((o) => o.actor !== leader);
    expect(firstBySurvivor).toBeGreaterThan(0);
    expect(owners.slice(firstBySurvivor).every((o) => o.actor !== leader)).toBe(true);
  });
});
