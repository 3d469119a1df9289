import { describe, expect, it } from 'vitest';
import { latestMissed, missedFires } from './missed-fires.js';
import { withScheduleDefaults } from './schedule.js';

describe('latestMissed', () => {
  const hourly = withScheduleDefaults({ cron: '0 * * * *', timezone: 'UTC' });

  it('is the latest fire time after `since` and not after `now`', () => {
    const since = new Date('2026-05-01T10:30:00Z');
    expect(latestMissed(hourly, since, new Date('2026-05-01T13:05:00Z'))?.toISOString()).toBe(
      '2026-05-01T13:00:00.000Z',
    );
    expect(latestMissed(hourly, since, new Date('2026-05-01T13:00:00Z'))?.toISOString()).toBe(
      '2026-05-01T13:00:00.000Z',
    );
    expect(latestMissed(hourly, since, new Date('2026-05-01T10:59:59Z'))).toBeUndefined();
  });

  it('finds it for a per-second schedule down for a day (86,400 missed fire times)', () => {
    const latest = latestMissed(
      withScheduleDefaults({ cron: '* * * * * *', timezone: 'UTC' }),
      new Date('2026-05-01T00:00:00Z'),
      new Date('2026-05-02T00:00:00.500Z'),
    );
    expect(latest?.toISOString()).toBe('2026-05-02T00:00:00.000Z');
  });
});

describe('missedFires', () => {
  const since = new Date('2026-05-01T10:30:00Z');
  const now = new Date('2026-05-01T13:05:00Z');
  const hourly = (missed: 'latest' | 'all' | 'none') =>
    withScheduleDefaults({ cron: '0 * * * *', timezone: 'UTC', missed });
  const iso = (r: { fires: Date[] }) => r.fires.map((d) => d.toISOString().slice(11, 16));

  it('fires the latest, all in order, or none, by the policy', () => {
    expect(iso(missedFires(hourly('latest'), since, now))).toEqual(['13:00']);
    expect(iso(missedFires(hourly('all'), since, now))).toEqual(['11:00', '12:00', '13:00']);
    expect(iso(missedFires(hourly('none'), since, now))).toEqual([]);
  });

  it('keeps missed fires inside the schedule window', () => {
    const windowed = { ...hourly('all'), endAt: '2026-05-01T12:00:00.000Z' };
    expect(iso(missedFires(windowed, since, now))).toEqual(['11:00', '12:00']);
    expect(iso(missedFires({ ...windowed, missed: 'latest' }, since, now))).toEqual(['12:00']);
  });

  it('fires at most the newest 1,000, also after a day down on a per-second schedule', () => {
    const perSecond = withScheduleDefaults({ cron: '* * * * * *', timezone: 'UTC', missed: 'all' });
    const result = missedFires(
      perSecond,
      new Date('2026-05-01T00:00:00Z'),
      new Date('2026-05-02T00:20:00Z'),
    );
    expect(result.fires).toHaveLength(1000);
    expect(result.truncated).toBe(true);
    expect(result.fires.at(-1)?.toISOString()).toBe('2026-05-02T00:20:00.000Z');
    const few = missedFires(
      perSecond,
      new Date('2026-05-01T00:00:00Z'),
      new Date('2026-05-01T00:00:05Z'),
    );
    expect(few).toEqual({ fires: few.fires, truncated: false });
    expect(few.fires).toHaveLength(5);
    expect(result.fires[0]?.toISOString()).toBe('2026-05-02T00:03:21.000Z');
  });
});
