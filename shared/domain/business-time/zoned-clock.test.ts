import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../errors.js';
import { instantOf, type WallClock, wallClockOf } from './zoned-clock.js';

function wall(text: string): WallClock {
  const [year, month, day, hour, minute, second = 0] = text.split(/[-T:]/).map(Number);
  return {
    year: year ?? NaN,
    month: month ?? NaN,
    day: day ?? NaN,
    hour: hour ?? NaN,
    minute: minute ?? NaN,
    second,
  };
}

describe('wallClockOf', () => {
  it.each([
    ['2026-03-01T00:00:00Z', 'UTC', '2026-03-01T00:00:00'],
    ['2026-03-01T00:00:00Z', 'America/New_York', '2026-02-28T19:00:00'],
    ['2026-03-01T00:00:00Z', 'Asia/Kolkata', '2026-03-01T05:30:00'],
    ['2026-03-29T00:59:59Z', 'Europe/Berlin', '2026-03-29T01:59:59'],
    ['2026-03-29T01:00:00Z', 'Europe/Berlin', '2026-03-29T03:00:00'],
    ['2026-10-25T00:30:00Z', 'Europe/Berlin', '2026-10-25T02:30:00'],
    ['2026-10-25T01:30:00Z', 'Europe/Berlin', '2026-10-25T02:30:00'],
    // Midnight is hour 0, never 24.
    ['2024-02-29T23:00:00.999Z', 'Europe/Berlin', '2024-03-01T00:00:00'],
  ])('%s in %s reads %s', (instant, timezone, expected) => {
    expect(wallClockOf(new Date(instant), timezone)).toEqual(wall(expected));
  });

  it('refuses an unknown time zone with a typed error on the timezone field', () => {
    const read = () => wallClockOf(new Date(0), 'Mars/Olympus');
    expect(read).toThrow(InvalidArgumentError);
    expect(read).toThrow(/timezone: unknown time zone "Mars\/Olympus"/);
  });
});

describe('instantOf', () => {
  it.each([
    ['2026-03-01T00:00', 'UTC', '2026-03-01T00:00:00.000Z'],
    ['2026-02-28T19:00', 'America/New_York', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T05:30', 'Asia/Kolkata', '2026-03-01T00:00:00.000Z'],
    ['2026-07-01T12:00', 'Europe/Berlin', '2026-07-01T10:00:00.000Z'],
  ])('%s in %s is %s', (local, timezone, expected) => {
    expect(instantOf(wall(local), timezone).toISOString()).toBe(expected);
  });

  it('moves a time in a spring-forward gap later by the length of the gap', () => {
    // Berlin skips 02:00..02:59 on 2026-03-29; New York skips 02:00..02:59 on 2026-03-08.
    expect(instantOf(wall('2026-03-29T02:30'), 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z', // 03:30 CEST
    );
    expect(instantOf(wall('2026-03-08T02:00'), 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
    );
  });

  it('takes the earlier instant of a fall-back overlap', () => {
    // Berlin shows 02:00..02:59 twice on 2026-10-25: first CEST (+2), then CET (+1).
    expect(instantOf(wall('2026-10-25T02:30'), 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(instantOf(wall('2026-11-01T01:30'), 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z', // 01:30 EDT, not EST
    );
  });

  it('round-trips every hour across both Berlin DST changes of 2026', () => {
    for (const start of ['2026-03-28T20:00:00Z', '2026-10-24T20:00:00Z']) {
      for (let hour = 0; hour < 12; hour += 1) {
        const instant = new Date(Date.parse(start) + hour * 3_600_000);
        const back = instantOf(wallClockOf(instant, 'Europe/Berlin'), 'Europe/Berlin');
        // Only the second pass of the repeated hour maps to its earlier twin.
        const expected =
          instant.toISOString() === '2026-10-25T01:00:00.000Z'
            ? '2026-10-25T00:00:00.000Z'
            : instant.toISOString();
        expect(back.toISOString()).toBe(expected);
      }
    }
  });
});
