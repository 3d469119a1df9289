import { describe, expect, it } from 'vitest';
import { latestMissed } from './scheduler.js';

describe('latestMissed', () => {
  const hourly = { cron: '0 * * * *', timezone: 'UTC' };

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
      { cron: '* * * * * *', timezone: 'UTC' },
      new Date('2026-05-01T00:00:00Z'),
      new Date('2026-05-02T00:00:00.500Z'),
    );
    expect(latest?.toISOString()).toBe('2026-05-02T00:00:00.000Z');
  });
});
