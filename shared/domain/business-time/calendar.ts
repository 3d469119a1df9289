/**
 * Calendar arithmetic on plain dates of the proleptic Gregorian calendar, with no time zone:
 * the business-time rules move dates on the calendar first and only then find the instant
 * (zoned-clock.ts), so that "the day before" is a calendar day even when a day lasts 23 hours.
 */

/** A calendar day; `month` is 1..12. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01. `setUTCFullYear` because `Date.UTC` reads years 0..99 as 19xx. */
export function epochDay(date: CalendarDate): number {
  return Math.round(new Date(0).setUTCFullYear(date.year, date.month - 1, date.day) / DAY_MS);
}

function fromEpochDay(days: number): CalendarDate {
  const utc = new Date(days * DAY_MS);
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromEpochDay(epochDay(date) + days);
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(new Date(0).setUTCFullYear(year, month, 0)).getUTCDate();
}

/**
 * Calendar month addition that clamps the day to the target month's length, as Java's
 * `Calendar.add(MONTH, n)` does: 2024-03-31 minus one month is 2024-02-29.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the Monday-to-Sunday week holding `date` (DolphinScheduler's weeks). */
export function mondayOf(date: CalendarDate): CalendarDate {
  return addDays(date, 1 - isoWeekday(date));
}

export function firstOfMonth(date: CalendarDate): CalendarDate {
  return { year: date.year, month: date.month, day: 1 };
}

export function lastOfMonth(date: CalendarDate): CalendarDate {
  return { year: date.year, month: date.month, day: daysInMonth(date.year, date.month) };
}

/**
 * The week holding `date` and the year that week belongs to, with weeks starting on ISO weekday
 * `weekStart` and a year's first week being the first with at least 4 days in it (ISO 8601 when
 * `weekStart` is 1). A week belongs to the year of its 4th day.
 */
export function weekOfYear(
  date: CalendarDate,
  weekStart: number,
): { weekYear: number; week: number } {
  const intoWeek = (((isoWeekday(date) - weekStart) % 7) + 7) % 7;
  const fourthDay = addDays(date, 3 - intoWeek);
  const dayOfYear = epochDay(fourthDay) - epochDay({ year: fourthDay.year, month: 1, day: 1 });
  return { weekYear: fourthDay.year, week: Math.floor(dayOfYear / 7) + 1 };
}
