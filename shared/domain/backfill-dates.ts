import { InvalidArgumentError } from '../errors.js';
import { addDays } from './business-time/calendar.js';
import { instantOf } from './business-time/zoned-clock.js';
import {
  nextFireTime,
  parseScheduleInstant,
  withScheduleDefaults,
  type Schedule,
} from './schedule.js';

/** The most dates one backfill runs. */
export const MAX_BACKFILL_DATES = 10_000;

/** A backfill's own states: RUNNING until every date ended (or it stopped on a failure). */
export const BACKFILL_STATES = ['RUNNING', 'SUCCESS', 'FAILED', 'STOP'] as const;
export type BackfillState = (typeof BACKFILL_STATES)[number];

/** After a date failed: go on with the others, or start no new date (and end FAILED). */
export const ON_FAILURE = ['continue', 'stop'] as const;
export type OnFailure = (typeof ON_FAILURE)[number];

/** The most instances of one backfill running at once. */
export const MAX_BACKFILL_PARALLEL = 100;

export const BACKFILL_ORDERS = ['asc', 'desc'] as const;
export type BackfillOrder = (typeof BACKFILL_ORDERS)[number];

/** What a backfill runs over: a range (`from`..`to`, inclusive) or the dates given. */
export interface BackfillRange {
  from: string;
  to: string;
  dates: readonly string[];
}

/** Without a schedule, a backfill runs one date a day at 00:00 UTC (as DolphinScheduler does). */
const DAILY = withScheduleDefaults({ cron: '0 0 * * *', timezone: 'UTC' });

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The fire times a backfill runs, in the order they start: those of the definition's schedule
 * (its cron in its time zone; its startAt/endAt window does not apply: a backfill is explicit)
 * in `from`..`to`, or the `dates` given. A date without a time is the whole day in the
 * schedule's zone for `from`/`to`, and the day's first fire time for an item of `dates`.
 *
 * @throws InvalidArgumentError naming `from`, `to` or `dates[i]`.
 */
export function backfillFireTimes(
  schedule: Schedule | null,
  range: BackfillRange,
  order: BackfillOrder,
): Date[] {
  const cron: Schedule = schedule === null ? DAILY : { ...schedule, startAt: null, endAt: null };
  const times = range.dates.length > 0 ? givenDates(cron, range) : rangeDates(cron, range);
  const unique = [...new Map(times.map((t) => [t.getTime(), t])).values()];
  unique.sort((a, b) => a.getTime() - b.getTime());
  if (unique.length > MAX_BACKFILL_DATES)
    throw new InvalidArgumentError(
      range.dates.length > 0 ? 'dates' : 'to',
      `at most ${MAX_BACKFILL_DATES} dates per backfill; this is ${unique.length}`,
    );
  return order === 'desc' ? unique.reverse() : unique;
}

function rangeDates(cron: Schedule, range: BackfillRange): Date[] {
  if (range.from === '') throw new InvalidArgumentError('from', 'is required (or give dates)');
  if (range.to === '') throw new InvalidArgumentError('to', 'is required with from');
  const from = instant(range.from, cron.timezone, 'from');
  const to = DATE_ONLY.test(range.to.trim())
    ? new Date(dayAfter(range.to.trim(), cron.timezone).getTime() - 1)
    : instant(range.to, cron.timezone, 'to');
  if (to < from) throw new InvalidArgumentError('to', 'must not be before from');
  const out: Date[] = [];
  for (
    let t = nextFireTime(cron, new Date(from.getTime() - 1));
    t !== undefined && t <= to;
    t = nextFireTime(cron, t)
  ) {
    out.push(t);
    // One past the limit is enough to report it.
    if (out.length > MAX_BACKFILL_DATES) break;
  }
  if (out.length === 0)
    throw new InvalidArgumentError(
      'from',
      `the schedule (${cron.cron}) has no fire time in the range`,
    );
  return out;
}

function givenDates(cron: Schedule, range: BackfillRange): Date[] {
  if (range.from !== '' || range.to !== '')
    throw new InvalidArgumentError('dates', 'give either dates or from/to, not both');
  return range.dates.map((text, i) => {
    const field = `dates[${i}]`;
    const value = text.trim();
    if (!DATE_ONLY.test(value)) return instant(value, cron.timezone, field);
    const start = instant(value, cron.timezone, field);
    const first = nextFireTime(cron, new Date(start.getTime() - 1));
    if (first === undefined || first >= dayAfter(value, cron.timezone))
      throw new InvalidArgumentError(
        field,
        `the schedule (${cron.cron}) does not fire on ${value}`,
      );
    return first;
  });
}

function instant(value: string, timezone: string, field: string): Date {
  const parsed = parseScheduleInstant(value, timezone);
  if (parsed === undefined)
    throw new InvalidArgumentError(
      field,
      `must be a date (2026-03-01) or a date-time (2026-03-01T02:00:00Z); got "${value}"`,
    );
  return new Date(parsed);
}

/** 00:00 of the day after `date` (YYYY-MM-DD) in `timezone`. */
function dayAfter(date: string, timezone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const next = addDays({ year, month, day }, 1);
  return instantOf({ ...next, hour: 0, minute: 0, second: 0 }, timezone);
}
