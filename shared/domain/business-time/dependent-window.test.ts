import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../errors.js';
import {
  DEPENDENT_CYCLES,
  DEPENDENT_DATES,
  type DependentCycle,
  dependentWindow,
  isDependentDate,
} from './dependent-window.js';

const SUNDAY = '2026-03-01T00:00:00Z';
const LEAP_THURSDAY = '2024-02-29T13:45:00Z';

function cycleOf(date: string): DependentCycle {
  const cycle = DEPENDENT_CYCLES.find((c) => isDependentDate(c, date));
  if (cycle === undefined) throw new Error(`no cycle offers ${date}`);
  return cycle;
}

/** The window as `from..to` in UTC, without seconds: `2026-02-28T23:00..2026-03-01T00:00`. */
function window(date: string, at: string, timezone = 'UTC'): string {
  const { from, to } = dependentWindow(cycleOf(date), date, new Date(at), timezone);
  return `${from.toISOString().slice(0, 16)}..${to.toISOString().slice(0, 16)}`;
}

describe('dependentWindow: the reference worked values (UTC)', () => {
  it.each([
    ['currentHour', '2026-03-01T00:00..2026-03-01T01:00', '2024-02-29T13:00..2024-02-29T14:00'],
    ['last1Hour', '2026-02-28T23:00..2026-03-01T00:00', '2024-02-29T12:00..2024-02-29T13:00'],
    ['last2Hours', '2026-02-28T22:00..2026-03-01T00:00', '2024-02-29T11:00..2024-02-29T13:00'],
    ['last3Hours', '2026-02-28T21:00..2026-03-01T00:00', '2024-02-29T10:00..2024-02-29T13:00'],
    // DS's rule: yesterday 01:00 to today 01:00, whatever the hour of the base.
    ['last24Hours', '2026-02-28T01:00..2026-03-01T01:00', '2024-02-28T01:00..2024-02-29T01:00'],
    ['today', '2026-03-01T00:00..2026-03-02T00:00', '2024-02-29T00:00..2024-03-01T00:00'],
    ['last1Days', '2026-02-28T00:00..2026-03-01T00:00', '2024-02-28T00:00..2024-02-29T00:00'],
    ['last2Days', '2026-02-27T00:00..2026-03-01T00:00', '2024-02-27T00:00..2024-02-29T00:00'],
    ['last3Days', '2026-02-26T00:00..2026-03-01T00:00', '2024-02-26T00:00..2024-02-29T00:00'],
    ['last7Days', '2026-02-22T00:00..2026-03-01T00:00', '2024-02-22T00:00..2024-02-29T00:00'],
    ['thisWeek', '2026-02-23T00:00..2026-03-02T00:00', '2024-02-26T00:00..2024-03-01T00:00'],
    ['lastWeek', '2026-02-16T00:00..2026-02-23T00:00', '2024-02-19T00:00..2024-02-26T00:00'],
    ['lastMonday', '2026-02-16T00:00..2026-02-17T00:00', '2024-02-19T00:00..2024-02-20T00:00'],
    ['lastTuesday', '2026-02-17T00:00..2026-02-18T00:00', '2024-02-20T00:00..2024-02-21T00:00'],
    ['lastWednesday', '2026-02-18T00:00..2026-02-19T00:00', '2024-02-21T00:00..2024-02-22T00:00'],
    ['lastThursday', '2026-02-19T00:00..2026-02-20T00:00', '2024-02-22T00:00..2024-02-23T00:00'],
    ['lastFriday', '2026-02-20T00:00..2026-02-21T00:00', '2024-02-23T00:00..2024-02-24T00:00'],
    ['lastSaturday', '2026-02-21T00:00..2026-02-22T00:00', '2024-02-24T00:00..2024-02-25T00:00'],
    ['lastSunday', '2026-02-22T00:00..2026-02-23T00:00', '2024-02-25T00:00..2024-02-26T00:00'],
    ['thisMonth', '2026-03-01T00:00..2026-03-02T00:00', '2024-02-01T00:00..2024-03-01T00:00'],
    ['thisMonthBegin', '2026-03-01T00:00..2026-03-02T00:00', '2024-02-01T00:00..2024-02-02T00:00'],
    ['lastMonth', '2026-02-01T00:00..2026-03-01T00:00', '2024-01-01T00:00..2024-02-01T00:00'],
    ['lastMonthBegin', '2026-02-01T00:00..2026-02-02T00:00', '2024-01-01T00:00..2024-01-02T00:00'],
    ['lastMonthEnd', '2026-02-28T00:00..2026-03-01T00:00', '2024-01-31T00:00..2024-02-01T00:00'],
  ])('%s is %s from 2026-03-01 00:00 and %s from 2024-02-29 13:45', (date, sunday, leap) => {
    expect(window(date, SUNDAY)).toBe(sunday);
    expect(window(date, LEAP_THURSDAY)).toBe(leap);
  });

  it('covers every value of every cycle in that table', () => {
    expect(Object.values(DEPENDENT_DATES).flat()).toHaveLength(24);
  });
});

describe('dependentWindow: calendar edges', () => {
  it.each([
    // Year boundary: 2025-01-01 is a Wednesday.
    ['lastMonth', '2025-01-01T10:00:00Z', '2024-12-01T00:00..2025-01-01T00:00'],
    ['lastWeek', '2025-01-01T10:00:00Z', '2024-12-23T00:00..2024-12-30T00:00'],
    ['thisWeek', '2025-01-01T10:00:00Z', '2024-12-30T00:00..2025-01-02T00:00'],
    ['last7Days', '2025-01-02T10:00:00Z', '2024-12-26T00:00..2025-01-02T00:00'],
    ['last24Hours', '2025-01-01T23:59:59Z', '2024-12-31T01:00..2025-01-01T01:00'],
    ['last3Hours', '2025-01-01T01:30:00Z', '2024-12-31T22:00..2025-01-01T01:00'],
    // A Monday's week so far is that Monday alone.
    ['thisWeek', '2026-02-23T08:00:00Z', '2026-02-23T00:00..2026-02-24T00:00'],
    // Month ends and leap years.
    ['lastMonthEnd', '2024-03-15T10:00:00Z', '2024-02-29T00:00..2024-03-01T00:00'],
    ['lastMonthEnd', '2100-03-15T10:00:00Z', '2100-02-28T00:00..2100-03-01T00:00'],
    ['lastMonth', '2024-03-31T10:00:00Z', '2024-02-01T00:00..2024-03-01T00:00'],
    ['thisMonth', '2024-12-31T23:00:00Z', '2024-12-01T00:00..2025-01-01T00:00'],
  ])('%s at %s is %s', (date, at, expected) => {
    expect(window(date, at)).toBe(expected);
  });
});

describe('dependentWindow: time zones', () => {
  it("uses the zone's calendar days", () => {
    // 2026-03-01 00:00 UTC is 2026-02-28 19:00 in New York (EST, UTC-5).
    expect(window('today', SUNDAY, 'America/New_York')).toBe('2026-02-28T05:00..2026-03-01T05:00');
    expect(window('lastMonth', SUNDAY, 'America/New_York')).toBe(
      '2026-01-01T05:00..2026-02-01T05:00',
    );
  });

  it('gives DST days their real length in Europe/Berlin', () => {
    const afterShortDay = '2026-03-30T08:00:00Z';
    expect(window('last1Days', afterShortDay, 'Europe/Berlin')).toBe(
      '2026-03-28T23:00..2026-03-29T22:00', // 23 hours
    );
    const afterLongDay = '2026-10-26T08:00:00Z';
    expect(window('last1Days', afterLongDay, 'Europe/Berlin')).toBe(
      '2026-10-24T22:00..2026-10-25T23:00', // 25 hours
    );
    expect(window('last24Hours', '2026-03-29T12:00:00Z', 'Europe/Berlin')).toBe(
      '2026-03-28T00:00..2026-03-29T00:00', // 01:00 CET to 01:00 CET, before the jump
    );
  });

  it('counts hours in elapsed time, so the repeated hour of a fall-back is its own', () => {
    const secondTwoThirty = '2026-10-25T01:30:00Z'; // 02:30 CET, after 02:30 CEST
    expect(window('currentHour', secondTwoThirty, 'Europe/Berlin')).toBe(
      '2026-10-25T01:00..2026-10-25T02:00',
    );
    expect(window('last1Hour', secondTwoThirty, 'Europe/Berlin')).toBe(
      '2026-10-25T00:00..2026-10-25T01:00', // 02:00..03:00 CEST
    );
    expect(window('currentHour', '2026-03-01T00:00:00Z', 'Asia/Kolkata')).toBe(
      '2026-02-28T23:30..2026-03-01T00:30', // 05:00..06:00 IST
    );
  });
});

describe('isDependentDate and bad input', () => {
  it('accepts each value only under its own cycle', () => {
    expect(isDependentDate('hour', 'last24Hours')).toBe(true);
    expect(isDependentDate('day', 'last24Hours')).toBe(false);
    expect(isDependentDate('month', 'thisMonthEnd')).toBe(false);
    expect(isDependentDate('day', 'last4Days')).toBe(false);
    expect(isDependentDate('week', 'constructor')).toBe(false);
  });

  it('refuses a value of another cycle on the date field', () => {
    const run = () => dependentWindow('week', 'today', new Date(SUNDAY), 'UTC');
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(/^date: "today" is not a week date/);
  });
});
