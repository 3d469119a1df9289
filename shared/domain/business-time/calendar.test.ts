import { describe, expect, it } from 'vitest';

import {
  addDays,
  addMonths,
  type CalendarDate,
  daysInMonth,
  isoWeekday,
  mondayOf,
  weekOfYear,
} from './calendar.js';

function day(text: string): CalendarDate {
  const [year = NaN, month = NaN, dayOfMonth = NaN] = text.split('-').map(Number);
  return { year, month, day: dayOfMonth };
}

function text(date: CalendarDate): string {
  return [date.year, date.month, date.day]
    .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
    .join('-');
}

describe('calendar', () => {
  it.each([
    [2024, 2, 29],
    [2026, 2, 28],
    [2000, 2, 29],
    [1900, 2, 28],
    [2100, 2, 28],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it.each([
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-03-01', -1, '2026-02-01'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-01-15', -13, '2024-12-15'],
  ])('%s plus %i months is %s (clamped)', (from, months, to) => {
    expect(text(addMonths(day(from), months))).toBe(to);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(text(addDays(day('2024-02-28'), 1))).toBe('2024-02-29');
    expect(text(addDays(day('2026-02-28'), 1))).toBe('2026-03-01');
    expect(text(addDays(day('2026-01-01'), -1))).toBe('2025-12-31');
    expect(text(addDays(day('0099-12-31'), 1))).toBe('0100-01-01');
  });

  it('numbers weekdays from Monday (1) to Sunday (7) and finds Mondays', () => {
    expect(isoWeekday(day('2026-03-01'))).toBe(7);
    expect(isoWeekday(day('2024-02-29'))).toBe(4);
    expect(isoWeekday(day('1969-12-29'))).toBe(1);
    expect(text(mondayOf(day('2026-03-01')))).toBe('2026-02-23');
    expect(text(mondayOf(day('2026-02-23')))).toBe('2026-02-23');
    expect(text(mondayOf(day('2025-01-01')))).toBe('2024-12-30');
  });

  it.each([
    ['2026-03-01', 1, 2026, 9],
    ['2024-02-29', 1, 2024, 9],
    ['2024-12-30', 1, 2025, 1],
    ['2021-01-01', 1, 2020, 53],
    ['2026-01-01', 1, 2026, 1],
    // Weeks from Sunday: 2026-03-01 (a Sunday) opens week 9, so the Saturday before is in 8.
    ['2026-03-01', 7, 2026, 9],
    ['2026-02-28', 7, 2026, 8],
    ['2026-02-28', 1, 2026, 9],
    // 2026-01-01 is a Thursday: Sunday weeks give its week (3 days in 2026) to 2025.
    ['2026-01-03', 7, 2025, 53],
    ['2026-01-04', 7, 2026, 1],
  ])('%s with weeks from weekday %i is week %i-%i', (date, weekStart, weekYear, week) => {
    expect(weekOfYear(day(date), weekStart)).toEqual({ weekYear, week });
  });
});
