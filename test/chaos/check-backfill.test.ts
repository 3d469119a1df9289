import { describe, expect, it } from 'vitest';
import { instance, run, T0 } from '../support/chaos-evidence.js';
import { checkBackfills, mostInstancesAtOnce } from './check-backfill.js';
import type { BackfillRecord } from './history.js';

const DAY = 86_400_000;
const backfill = (o: Partial<BackfillRecord> = {}): BackfillRecord => ({
  id: '7',
  workflow: 'bf-daily',
  state: 'SUCCESS',
  fireTimes: [T0, T0 + DAY],
  parallel: 1,
  onFailure: 'continue',
  ...o,
});
const dated = (id: string, day: number, state = 'SUCCESS') =>
  instance({ id, workflow: 'bf-daily', state, backfillId: '7', scheduleTime: T0 + day * DAY });

describe('backfill checks (B1, B2)', () => {
  it('passes a backfill whose dates each ran once, one at a time', () => {
    const runs = [run({ instance: '1', start: T0 }), run({ instance: '2', start: T0 + 1_000 })];
    expect(
      checkBackfills([{ id: '7' }], [backfill()], [dated('1', 0), dated('2', 1)], runs),
    ).toEqual([]);
  });

  it('reports a lost, unended or incomplete backfill, a stray or doubled date', () => {
    const found = checkBackfills(
      [{ id: '7' }, { id: '8' }],
      [backfill(), backfill({ id: '9', state: 'RUNNING', fireTimes: [] })],
      [dated('1', 0), dated('2', 0), dated('3', 5)],
      [run({ instance: '1', start: T0 }), run({ instance: '2', start: T0 + 5_000 })],
    ).map((v) => `${v.invariant} ${v.message}`);
    expect(found).toEqual([
      'B1 backfill 8 was confirmed but is not in MySQL',
      expect.stringContaining('has 2 instances (1, 2)'),
      expect.stringContaining('instance 3 runs'),
      expect.stringContaining('ended SUCCESS but date 2026-01-02T00:00:00.000Z has no instance'),
      expect.stringContaining('ran in instances 1, 2'),
      'B1 backfill 9 (bf-daily) is still RUNNING after the settle',
    ]);
  });

  it('reports more instances running at once than --parallel (B2), not retries of one', () => {
    const runs = [
      run({ instance: '1', start: T0, end: T0 + 5_000 }),
      run({ instance: '1', attempt: 2, start: T0 + 1_000, end: T0 + 2_000 }),
      run({ instance: '2', start: T0 + 3_000 }),
    ];
    expect(mostInstancesAtOnce(runs).count).toBe(2);
    const found = checkBackfills([], [backfill()], [dated('1', 0), dated('2', 1)], runs);
    expect(found.map((v) => v.invariant)).toEqual(['B2']);
    expect(
      checkBackfills([], [backfill({ parallel: 2 })], [dated('1', 0), dated('2', 1)], runs),
    ).toEqual([]);
  });
});
