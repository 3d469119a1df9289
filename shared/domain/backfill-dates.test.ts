import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { backfillFireTimes, type BackfillRange } from './backfill-dates.js';
import { withScheduleDefaults } from './schedule.js';

const range = (r: Partial<BackfillRange>): BackfillRange => ({ from: '', to: '', dates: [], ...r });
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return (err as InvalidArgumentError).field;
  }
  throw new Error('accepted');
}

describe('backfill fire times', () => {
  it('runs every day at 00:00 UTC without a schedule, both ends included', () => {
    const times = backfillFireTimes(null, range({ from: '2026-03-01', to: '2026-03-03' }), 'asc');
    expect(iso(times)).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
      '2026-03-03T00:00:00.000Z',
    ]);
  });

  it('uses the schedule’s cron in its zone, ignores its window, and orders desc on request', () => {
    const schedule = {
      ...withScheduleDefaults({ cron: '0 2 * * *', timezone: 'Asia/Tokyo' }),
      startAt: '2030-01-01T00:00:00.000Z',
    };
    const times = backfillFireTimes(
      schedule,
      range({ from: '2026-03-01', to: '2026-03-02' }),
      'desc',
    );
    // 02:00 in Tokyo is 17:00 UTC the day before.
    expect(iso(times)).toEqual(['2026-03-01T17:00:00.000Z', '2026-02-28T17:00:00.000Z']);
  });

  it('takes given dates: a day means its first fire time; duplicates once, in order', () => {
    const hourly = withScheduleDefaults({ cron: '30 */6 * * *', timezone: 'UTC' });
    const times = backfillFireTimes(
      hourly,
      range({ dates: ['2026-03-05', '2026-03-01T12:30:00Z', '2026-03-05'] }),
      'asc',
    );
    expect(iso(times)).toEqual(['2026-03-01T12:30:00.000Z', '2026-03-05T00:30:00.000Z']);
  });

  it.each([
    [range({}), 'from'],
    [range({ from: '2026-03-01' }), 'to'],
    [range({ from: '2026-03-02', to: '2026-03-01' }), 'to'],
    [range({ from: 'March', to: '2026-03-01' }), 'from'],
    [range({ from: '2026-03-01', to: '2026-03-01', dates: ['2026-03-01'] }), 'dates'],
    [range({ dates: ['2026-03-01', 'x'] }), 'dates[1]'],
    [range({ from: '2000-01-01', to: '2030-01-01' }), 'to'],
  ])('rejects %j naming %s', (r, field) => {
    expect(fieldOf(() => backfillFireTimes(null, r, 'asc'))).toBe(field);
  });

  it('rejects a date the schedule does not fire on', () => {
    const weekdays = withScheduleDefaults({ cron: '0 2 * * 1-5', timezone: 'UTC' });
    // 2026-03-01 is a Sunday.
    expect(
      fieldOf(() => backfillFireTimes(weekdays, range({ dates: ['2026-03-01'] }), 'asc')),
    ).toBe('dates[0]');
  });
});
