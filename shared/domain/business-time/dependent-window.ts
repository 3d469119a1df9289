/**
 * The date windows of a DEPENDENT task item: which upstream schedule times count for an
 * instance scheduled at a given time. Values and meanings are DolphinScheduler's
 * (`DependentUtils.getDateIntervalList`, `DependentDateUtils`, the UI's `DATE_LIST`).
 *
 * DS builds a list of inclusive intervals, one per hour or day (`00:00:00.000` to
 * `23:59:59.999`), and needs an instance in each. Every list is a run of adjacent hours or days,
 * so here it is one half-open window [from, to); the caller checks the intervals inside it.
 * Days are calendar days of the schedule's zone (DS uses the JVM zone, #17885), so a DST day is
 * 23 or 25 hours long; hours are elapsed hours, so the repeated hour of a fall-back is its own.
 */

import { InternalError, InvalidArgumentError } from '../../errors.js';
import {
  addDays,
  addMonths,
  type CalendarDate,
  firstOfMonth,
  lastOfMonth,
  mondayOf,
} from './calendar.js';
import { instantOf, wallClockOf } from './zoned-clock.js';

export const DEPENDENT_CYCLES = ['hour', 'day', 'week', 'month'] as const;
export type DependentCycle = (typeof DEPENDENT_CYCLES)[number];

const LAST_WEEKDAYS = [
  'lastMonday',
  'lastTuesday',
  'lastWednesday',
  'lastThursday',
  'lastFriday',
  'lastSaturday',
  'lastSunday',
] as const;

/**
 * The values DS's UI offers per cycle. DS's backend also knows `thisMonthEnd`, which the UI
 * never offers and which returns the first of the month (a bug), so it is left out.
 */
export const DEPENDENT_DATES: Readonly<Record<DependentCycle, readonly string[]>> = {
  hour: ['currentHour', 'last1Hour', 'last2Hours', 'last3Hours', 'last24Hours'],
  day: ['today', 'last1Days', 'last2Days', 'last3Days', 'last7Days'],
  week: ['thisWeek', 'lastWeek', ...LAST_WEEKDAYS],
  month: ['thisMonth', 'thisMonthBegin', 'lastMonth', 'lastMonthBegin', 'lastMonthEnd'],
};

export function isDependentDate(cycle: DependentCycle, date: string): boolean {
  return DEPENDENT_DATES[cycle].includes(date);
}

/** A half-open span of schedule times: `from` <= t < `to`. */
export interface DependentWindow {
  readonly from: Date;
  readonly to: Date;
}

const HOUR_MS = 3_600_000;

/** Days `first`..`last` (inclusive), each from midnight to midnight in the zone. */
type DaySpan = readonly [first: CalendarDate, last: CalendarDate];

function lastDays(today: CalendarDate, days: number): DaySpan {
  return [addDays(today, -days), addDays(today, -1)];
}

function lastWeekday(today: CalendarDate, isoWeekday: number): DaySpan {
  const day = addDays(mondayOf(today), isoWeekday - 8);
  return [day, day];
}

function lastMonthEnd(today: CalendarDate): CalendarDate {
  return addDays(firstOfMonth(today), -1);
}

/** The day, week and month values, from the base date (the schedule time's day). */
const DAY_SPANS: Readonly<Record<string, (today: CalendarDate) => DaySpan>> = {
  today: (today) => [today, today],
  last1Days: (today) => lastDays(today, 1),
  last2Days: (today) => lastDays(today, 2),
  last3Days: (today) => lastDays(today, 3),
  last7Days: (today) => lastDays(today, 7),
  thisWeek: (today) => [mondayOf(today), today],
  lastWeek: (today) => [addDays(mondayOf(today), -7), addDays(mondayOf(today), -1)],
  ...Object.fromEntries(
    LAST_WEEKDAYS.map((name, index) => [
      name,
      (today: CalendarDate) => lastWeekday(today, index + 1),
    ]),
  ),
  thisMonth: (today) => [firstOfMonth(today), today],
  thisMonthBegin: (today) => [firstOfMonth(today), firstOfMonth(today)],
  lastMonth: (today) => [firstOfMonth(addMonths(today, -1)), lastMonthEnd(today)],
  lastMonthBegin: (today) => [firstOfMonth(lastMonthEnd(today)), firstOfMonth(lastMonthEnd(today))],
  lastMonthEnd: (today) => [lastMonthEnd(today), lastOfMonth(lastMonthEnd(today))],
};

/** The hour values but `last24Hours`: how many whole hours before the base hour (0: that hour). */
const HOURS_BACK: Readonly<Record<string, number>> = {
  currentHour: 0,
  last1Hour: 1,
  last2Hours: 2,
  last3Hours: 3,
};

function midnight(date: CalendarDate, timezone: string): Date {
  return instantOf({ ...date, hour: 0, minute: 0, second: 0 }, timezone);
}

function hourWindow(date: string, scheduleTime: Date, timezone: string): DependentWindow {
  const wall = wallClockOf(scheduleTime, timezone);
  if (date === 'last24Hours') {
    // DS's odd rule, kept because DS users' dependencies are written against it: its 24 hours
    // are anchored at the base day's midnight, not at the base hour
    // (`getSpecialLastDayInterval`), so they always run from yesterday 01:00 to today 01:00
    // on the wall clock, whatever the hour of the base.
    const oneAm = { hour: 1, minute: 0, second: 0 };
    return {
      from: instantOf({ ...wall, ...addDays(wall, -1), ...oneAm }, timezone),
      to: instantOf({ ...wall, ...oneAm }, timezone),
    };
  }
  // The start of the hour holding the schedule time, on that time's own offset (a wall-clock
  // round trip would pick the wrong twin in a fall-back overlap).
  const start =
    Math.floor(scheduleTime.getTime() / 1000) * 1000 - (wall.minute * 60 + wall.second) * 1000;
  const back = HOURS_BACK[date] ?? 0;
  // currentHour is the base hour itself; lastNHours are the N whole hours before it.
  return back === 0
    ? { from: new Date(start), to: new Date(start + HOUR_MS) }
    : { from: new Date(start - back * HOUR_MS), to: new Date(start) };
}

/**
 * The window of upstream schedule times that satisfies `date` of `cycle` for an instance
 * scheduled at `scheduleTime`, on the calendar of `timezone`. Weeks run Monday to Sunday.
 * @throws InvalidArgumentError (field `date`) when `date` is not one of
 *   `DEPENDENT_DATES[cycle]`; (field `timezone`) for an unknown time zone.
 */
export function dependentWindow(
  cycle: DependentCycle,
  date: string,
  scheduleTime: Date,
  timezone: string,
): DependentWindow {
  if (!isDependentDate(cycle, date)) {
    throw new InvalidArgumentError(
      'date',
      `"${date}" is not a ${cycle} date (one of ${DEPENDENT_DATES[cycle].join(', ')})`,
    );
  }
  if (cycle === 'hour') return hourWindow(date, scheduleTime, timezone);
  const span = DAY_SPANS[date];
  if (span === undefined) throw new InternalError(`no window for the ${cycle} date "${date}"`);
  const [first, last] = span(wallClockOf(scheduleTime, timezone));
  return { from: midnight(first, timezone), to: midnight(addDays(last, 1), timezone) };
}
