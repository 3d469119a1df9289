/**
 * DolphinScheduler's `$[...]` date expressions (`ParameterUtils.dateTemplateParse`), computed
 * from an instance's schedule time. The grammar is in date-expression-parse.ts.
 *
 * Where Baton differs from DS, on purpose:
 * - The wall clock is read in the schedule's time zone, the same one `system.biz.*` use; DS
 *   reads `$[...]` in the server's JVM zone (#16822).
 * - Whole days of an offset move the calendar date and keep the time of day, so `$[yyyyMMdd-1]`
 *   is the day before even across a DST change; DS subtracts 24 hours (#18015). The rest of an
 *   offset (`-1/24`) is elapsed time. Dates that fall in a DST gap move later by the gap
 *   (zoned-clock.ts).
 * - `year_week` labels a week with the year it belongs to (2024-12-30 is `2025-01`); DS pairs
 *   the week number with the calendar year, so 2024-12-30 came out as `2024-01`, the label of
 *   the first week of 2024.
 * - A bad expression is an error; DS logs it and the task fails when it runs.
 */

import { InvalidArgumentError } from '../../errors.js';
import { addDays, weekOfYear } from './calendar.js';
import {
  type DateExpression,
  parseDateExpression,
  type TimeExpression,
} from './date-expression-parse.js';
import { formatWallClock } from './date-format.js';
import { instantOf, type WallClock, wallClockOf } from './zoned-clock.js';

/**
 * DS's pattern: no `$` or `]` inside, so expressions never nest. Bodies starting with a digit
 * are left alone, as DS does, which keeps bash's old `$[1+2]` arithmetic working.
 */
const PLACEHOLDER = /\$\[([^$\]]+)\]/g;
const DIGIT_FIRST = /^\d/;

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

function parseBody(body: string): DateExpression {
  try {
    return parseDateExpression(body);
  } catch (err) {
    if (!(err instanceof InvalidArgumentError)) throw err;
    throw new InvalidArgumentError('', `$[${body}]: ${err.detail}`, { cause: err });
  }
}

function resolve(time: TimeExpression, base: Date, timezone: string): Date {
  const wall = wallClockOf(base, timezone);
  if (time.kind === 'calendar') return instantOf({ ...wall, ...time.move(wall) }, timezone);
  const days = Math.trunc(time.minutes / DAY_MINUTES);
  const rest = time.minutes - days * DAY_MINUTES;
  // Without whole days the base instant is kept as it is, so that in a fall-back overlap
  // `-1/24` counts back from the hour that really ran, not from its earlier twin.
  const moved = days === 0 ? base : instantOf({ ...wall, ...addDays(wall, days) }, timezone);
  return new Date(moved.getTime() + rest * MINUTE_MS);
}

function inRange(wall: WallClock, body: string): WallClock {
  if (wall.year < 1 || wall.year > 9999) {
    throw new InvalidArgumentError('', `$[${body}]: the date falls outside the years 1..9999`);
  }
  return wall;
}

function evaluate(body: string, expression: DateExpression, base: Date, timezone: string): string {
  switch (expression.kind) {
    case 'shift':
    case 'calendar': {
      const wall = wallClockOf(resolve(expression, base, timezone), timezone);
      return formatWallClock(expression.format, inRange(wall, body));
    }
    case 'timestamp': {
      const instant = resolve(expression.time, base, timezone);
      inRange(wallClockOf(instant, timezone), body);
      return String(Math.floor(instant.getTime() / 1000));
    }
    case 'year_week': {
      const { weekYear, week } = weekOfYear(wallClockOf(base, timezone), expression.weekStart);
      return `${weekYear}${expression.hyphen ? '-' : ''}${String(week).padStart(2, '0')}`;
    }
  }
}

/**
 * Replaces every `$[...]` in `text` by its value for an instance scheduled at `scheduleTime`,
 * reading the wall clock in `timezone`. Values are not re-scanned.
 * @throws InvalidArgumentError (empty field, message starting with the `$[...]`) for the first
 *   malformed expression (see {@link findDateExpressionError}) or a result outside the years
 *   1..9999; (field `timezone`) for an unknown time zone.
 */
export function expandDateExpressions(text: string, scheduleTime: Date, timezone: string): string {
  return text.replace(PLACEHOLDER, (whole, body: string) =>
    DIGIT_FIRST.test(body) ? whole : evaluate(body, parseBody(body), scheduleTime, timezone),
  );
}

/**
 * Why the first malformed `$[...]` in `text` is malformed (unknown function, bad format letter,
 * bad offset or argument count), or undefined when all are well formed. Checks the text only:
 * a result out of range can still make {@link expandDateExpressions} throw.
 */
export function findDateExpressionError(text: string): string | undefined {
  for (const match of text.matchAll(PLACEHOLDER)) {
    const body = match[1] ?? '';
    if (DIGIT_FIRST.test(body)) continue;
    try {
      parseBody(body);
    } catch (err) {
      if (err instanceof InvalidArgumentError) return err.message;
      throw err;
    }
  }
  return undefined;
}
