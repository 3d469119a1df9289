/**
 * Backfill from the CLI (issue 15): the dates run are read from a file the tasks append to
 * (outside Baton), with their start and end times, so "exactly these dates, never more than N
 * at once, in order" is checked on what really ran.
 */
import { status } from '@grpc/grpc-js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartBackfillRequest } from '../shared/proto/gen/baton/v1/StartBackfillRequest.js';
import { codeOf } from './support/call-status.js';
import { cliFor } from './support/cli-runner.js';
import { maxConcurrent, recordedRuns, recordingCommand } from './support/interval-record.js';
import { startTestCluster, type TestCluster } from './support/test-cluster.js';

describe('backfill (CLI, 2 masters, 2 workers)', () => {
  let t: TestCluster;
  let cli: ReturnType<typeof cliFor>;

  beforeAll(async () => {
    t = await startTestCluster('backfill', { layout: { masters: 2, workers: 2 } });
    cli = cliFor(t);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** A definition whose one task records its business date; `body` runs between the stamps. */
  async function define(name: string, body: string, extra = ''): Promise<string> {
    const record = join(t.dir, `${name}.record`);
    const command = recordingCommand(record, '${system.biz.date}', body);
    await t.api.ApplyWorkflow({
      yaml: `name: ${name}\n${extra}tasks:\n  - name: a\n    type: SHELL\n    command: '${command}'\n`,
    });
    return record;
  }

  const bizDates = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => `202603${String(from + i).padStart(2, '0')}`);

  it('runs each of 10 dates once, never more than --parallel at once, in date order', async () => {
    const record = await define('daily', 'sleep 1');
    const run = await cli(
      'backfill',
      'daily',
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-11',
      '--parallel',
      '3',
      '--wait',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('10/10 SUCCESS: 10 done, 0 failed, 0 running, 0 pending');
    const runs = recordedRuns(record);
    // system.biz.date is the day before the schedule time (as in DolphinScheduler).
    expect(runs.map((r) => r.key).sort()).toEqual(bizDates(1, 10));
    // Started in date order: a date never starts before the one `parallel` places earlier.
    const startOf = new Map(runs.map((r) => [r.key, r.start]));
    const dates = bizDates(1, 10);
    for (let i = 3; i < dates.length; i++)
      expect(startOf.get(dates[i]!)).toBeGreaterThanOrEqual(startOf.get(dates[i - 3]!)!);
    expect(maxConcurrent(runs)).toBeLessThanOrEqual(3);
    expect(maxConcurrent(runs)).toBeGreaterThan(1);

    const id = /backfill (\d+):/.exec(run.stdout)![1]!;
    const got = JSON.parse((await cli('backfill', 'get', id, '--json')).stdout) as {
      state: string;
      done: number;
      dates: { fireTime: string; instanceId: string; state: string }[];
    };
    expect(got.state).toBe('SUCCESS');
    expect(got.dates.map((d) => d.fireTime)).toEqual(
      bizDates(2, 10).map((d) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T00:00:00.000Z`),
    );
    const first = JSON.parse((await cli('get', got.dates[0]!.instanceId, '--json')).stdout) as {
      backfillId: string;
      scheduleTime: string;
    };
    expect(first).toMatchObject({ backfillId: id, scheduleTime: '2026-03-02T00:00:00.000Z' });
    // Baton started them in date order: instance ids follow the dates.
    const ids = got.dates.map((d) => Number(d.instanceId));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect((await cli('backfill', 'list', '--workflow', 'daily')).stdout).toMatch(
      new RegExp(`${id}\\s+daily@1\\s+SUCCESS\\s+10\\s+0\\s+0\\s+0\\s+3`),
    );
  });

  it('--on-failure stop starts no date after a failure and names it; continue runs them all', async () => {
    const record = await define('flaky', 'test "${system.biz.date}" != 20260303');
    const stopped = await cli(
      'backfill',
      'flaky',
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-06',
      '--on-failure',
      'stop',
      '--wait',
    );
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/ended FAILED: the date 2026-03-04T00:00:00.000Z ended FAILURE/);
    expect(recordedRuns(record).map((r) => r.key)).toEqual(['20260301', '20260302', '20260303']);

    const cont = await cli(
      'backfill',
      'flaky',
      '--dates',
      '2026-03-03,2026-03-04,2026-03-05',
      '--on-failure',
      'continue',
      '--parallel',
      '2',
      '--wait',
      '--json',
    );
    expect(cont.code).toBe(1);
    const result = JSON.parse(cont.stdout) as {
      state: string;
      done: number;
      failed: number;
      failedDates: string[];
    };
    expect(result).toMatchObject({
      state: 'FAILED',
      done: 2,
      failed: 1,
      failedDates: ['2026-03-04T00:00:00.000Z'],
    });
  });

  it('a backfill over a SERIAL_WAIT definition runs one date at a time, in order', async () => {
    const record = await define('serial-daily', 'sleep 0.5', 'executionType: SERIAL_WAIT\n');
    const run = await cli(
      'backfill',
      'serial-daily',
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-06',
      '--parallel',
      '3',
      '--wait',
    );
    expect(run.code).toBe(0);
    const runs = recordedRuns(record);
    expect(runs.map((r) => r.key)).toEqual(bizDates(1, 5));
    expect(maxConcurrent(runs)).toBe(1);
  });

  it('stop stops it and its running date; resume carries the same instances on', async () => {
    const record = await define('slow-daily', 'sleep 3');
    const started = await cli(
      'backfill',
      'slow-daily',
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-04',
      '--json',
    );
    const { id } = JSON.parse(started.stdout) as { id: string };
    await expect.poll(() => recordedRuns(record).length, { timeout: 20_000 }).toBe(1);
    const stopped = await cli('backfill', 'stop', id, '--wait', '--json');
    expect(JSON.parse(stopped.stdout)).toMatchObject({
      state: 'STOP',
      running: 0,
      pending: 2,
      failed: 1,
    });
    const resumed = await cli('backfill', 'resume', id, '--wait', '--json');
    expect(resumed.code).toBe(0);
    const after = JSON.parse(resumed.stdout) as { state: string; dates: { instanceId: string }[] };
    expect(after.state).toBe('SUCCESS');
    // The stopped date ran again in its own instance (a new round), not in a second one.
    const instances = await t.db
      .selectFrom('workflow_instances')
      .select(['id', 'round'])
      .where('backfill_id', '=', id)
      .orderBy('id')
      .execute();
    expect(instances.map((i) => i.round)).toEqual([1, 0, 0]);
    expect(recordedRuns(record).map((r) => r.key)).toEqual([
      '20260301',
      '20260301',
      '20260302',
      '20260303',
    ]);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_kind', '=', 'backfill')
      .where('target', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'backfill.start',
      'backfill.stop',
      'backfill.resume',
    ]);
  });

  it('answers bad requests with the field at fault and records nothing', async () => {
    const before = await t.db
      .selectFrom('backfills')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad: [StartBackfillRequest, number, string | undefined][] = [
      [{ workflow: 'nope', from: '2026-03-01', to: '2026-03-02' }, status.NOT_FOUND, undefined],
      [{ workflow: 'daily', from: '2026-03-05', to: '2026-03-01' }, status.INVALID_ARGUMENT, 'to'],
      [
        { workflow: 'daily', from: '2026-03-01', to: '2026-03-02', order: 'up' },
        status.INVALID_ARGUMENT,
        'order',
      ],
      [
        { workflow: 'daily', from: '2026-03-01', to: '2026-03-02', parallel: 1000 },
        status.INVALID_ARGUMENT,
        'parallel',
      ],
      [
        { workflow: 'daily', from: '2026-03-01', to: '2026-03-02', on_failure: 'halt' },
        status.INVALID_ARGUMENT,
        'on_failure',
      ],
      [{ workflow: 'daily', dates: ['2026-02-30'] }, status.INVALID_ARGUMENT, 'dates[0]'],
      [
        {
          workflow: 'daily',
          from: '2026-03-01',
          to: '2026-03-02',
          params: { 'system.biz.date': 'x' },
        },
        status.INVALID_ARGUMENT,
        'params.system.biz.date',
      ],
    ];
    for (const [req, code, field] of bad)
      expect(await codeOf(t.api.StartBackfill(req))).toMatchObject({ code, field });
    expect(await codeOf(t.api.GetBackfill({ id: '999999' }))).toMatchObject({
      code: status.NOT_FOUND,
    });
    expect(await codeOf(t.api.StopBackfill({ id: 'x' }))).toMatchObject({
      code: status.INVALID_ARGUMENT,
      field: 'id',
    });
    const after = await t.db
      .selectFrom('backfills')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const done = (await t.api.ListBackfills({ workflow: 'daily', limit: 1 })).backfills[0]!;
    const resumed = await codeOf(t.api.ResumeBackfill({ id: done.id }));
    expect(resumed.code).toBe(status.FAILED_PRECONDITION);
    expect(resumed.message).toContain('is SUCCESS');
  });
});
