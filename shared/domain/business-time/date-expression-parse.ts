/**
 * The grammar inside `$[...]`, following DolphinScheduler's `TimePlaceholderUtils`:
 * - `format`, or `format+N` / `format-N`: N days, where N is integer arithmetic and `a/b` means
 *   `1440*a/b` minutes (`-1/24` is an hour, `-7*2` two weeks). The split is DS's: at the last
 *   `+` if there is one, else at the last `-`, and only when a digit follows, so the dashes of
 *   `yyyy-MM-dd` stay in the format.
 * - `name(format[,N])` for the calendar functions in {@link CALENDAR_FUNCTIONS};
 *   `year_week(format[,weekStart])`; `timestamp(expression)`.
 *
 * Unlike DS, which checks nothing until a task runs, every piece is checked here, so the api
 * can refuse a bad expression when a definition is applied.
 */

import { InvalidArgumentError } from '../../errors.js';
import {
  addDays,
  addMonths,
  type CalendarDate,
  firstOfMonth,
  lastOfMonth,
  mondayOf,
} from './calendar.js';
import { type DateFormat, parseDateFormat } from './date-format.js';
import { evaluateInteger } from './integer-expression.js';

/** What a function's number counts, with the largest magnitude accepted (about 9999 years). */
const UNITS = {
  days: 9999 * 366,
  weeks: 9999 * 53,
  months: 9999 * 12,
} as const;
type Unit = keyof typeof UNITS;

interface CalendarFunction {
  /** Whether the number argument must, may or must not be given (absent means 0). */
  readonly amount: 'required' | 'optional' | 'none';
  readonly unit: Unit;
  /** The new date; the time of day is kept, as in DS. */
  readonly move: (date: CalendarDate, amount: number) => CalendarDate;
}

/** DS's calendar functions. Weeks run Monday to Sunday, as in DS's `DateUtils.getMonday`. */
const CALENDAR_FUNCTIONS: Readonly<Record<string, CalendarFunction>> = {
  add_months: { amount: 'required', unit: 'months', move: (d, n) => addMonths(d, n) },
  month_first_day: {
    amount: 'optional',
    unit: 'months',
    move: (d, n) => addMonths(firstOfMonth(d), n),
  },
  month_last_day: {
    amount: 'optional',
    unit: 'months',
    move: (d, n) => lastOfMonth(addMonths(d, n)),
  },
  week_first_day: {
    amount: 'optional',
    unit: 'weeks',
    move: (d, n) => addDays(mondayOf(d), 7 * n),
  },
  week_last_day: {
    amount: 'optional',
    unit: 'weeks',
    move: (d, n) => addDays(mondayOf(d), 6 + 7 * n),
  },
  this_day: { amount: 'none', unit: 'days', move: (d) => d },
  last_day: { amount: 'none', unit: 'days', move: (d) => addDays(d, -1) },
  month_begin: { amount: 'required', unit: 'days', move: (d, n) => addDays(firstOfMonth(d), n) },
  month_end: { amount: 'required', unit: 'days', move: (d, n) => addDays(lastOfMonth(d), n) },
  week_begin: { amount: 'required', unit: 'days', move: (d, n) => addDays(mondayOf(d), n) },
  week_end: { amount: 'required', unit: 'days', move: (d, n) => addDays(mondayOf(d), 6 + n) },
};

/** An expression that yields a moment, rendered with `format`. */
export type TimeExpression =
  | { readonly kind: 'shift'; readonly format: DateFormat; readonly minutes: number }
  | {
      readonly kind: 'calendar';
      readonly format: DateFormat;
      readonly move: (date: CalendarDate) => CalendarDate;
    };

export type DateExpression =
  | TimeExpression
  /** `weekStart` is the ISO weekday weeks start on (1 = Monday). */
  | { readonly kind: 'year_week'; readonly hyphen: boolean; readonly weekStart: number }
  | { readonly kind: 'timestamp'; readonly time: TimeExpression };

function fail(detail: string): never {
  throw new InvalidArgumentError('', detail);
}

/** Evaluates a number argument, saying which one is wrong when it is. */
function amountOf(text: string, what: string, unit: Unit): number {
  let value: number;
  try {
    value = evaluateInteger(text);
  } catch (err) {
    if (!(err instanceof InvalidArgumentError)) throw err;
    return fail(`bad ${what} "${text}": ${err.detail}`);
  }
  if (Math.abs(value) > UNITS[unit]) fail(`bad ${what} "${text}": too large`);
  return value;
}

/** DS's split of `format±N` (see the file comment); `minutes` is 0 without an offset. */
function parseShift(body: string): TimeExpression {
  const at = body.includes('+') ? body.lastIndexOf('+') : body.lastIndexOf('-');
  if (at < 0 || !/\d/.test(body.charAt(at + 1))) {
    return { kind: 'shift', format: parseDateFormat(body), minutes: 0 };
  }
  const offset = body.slice(at + 1);
  const slash = offset.indexOf('/');
  // DS computes `1440*(a)/b...`: the division applies to minutes, so `1/24` is one hour.
  const asMinutes =
    slash < 0 ? `1440*(${offset})` : `1440*(${offset.slice(0, slash)})${offset.slice(slash)}`;
  let minutes: number;
  try {
    minutes = evaluateInteger(asMinutes);
  } catch (err) {
    if (!(err instanceof InvalidArgumentError)) throw err;
    return fail(`bad offset "${offset}": ${err.detail}`);
  }
  if (Math.abs(minutes) > UNITS.days * 1440) fail(`bad offset "${offset}": too large`);
  const format = parseDateFormat(body.slice(0, at));
  return { kind: 'shift', format, minutes: body.charAt(at) === '-' ? 0 - minutes : minutes };
}

function parseCalendar(name: string, fn: CalendarFunction, args: string[]): TimeExpression {
  const [formatText = '', amountText, ...extra] = args;
  const usage =
    fn.amount === 'none'
      ? `${name}(format)`
      : fn.amount === 'optional'
        ? `${name}(format[, ${fn.unit}])`
        : `${name}(format, ${fn.unit})`;
  if (extra.length > 0 || (fn.amount === 'none' && amountText !== undefined)) {
    fail(`too many arguments: write ${usage}`);
  }
  if (fn.amount === 'required' && amountText === undefined) {
    fail(`missing the ${fn.unit}: write ${usage}`);
  }
  const format = parseDateFormat(formatText);
  const amount = amountText === undefined ? 0 : amountOf(amountText.trim(), fn.unit, fn.unit);
  return { kind: 'calendar', format, move: (date) => fn.move(date, amount) };
}

function parseYearWeek(args: string[]): DateExpression {
  const [format = '', weekStartText, ...extra] = args;
  if (extra.length > 0) fail('too many arguments: write year_week(format[, weekStart])');
  if (format.trim() === '') fail('year_week needs a format, e.g. year_week(yyyy-MM-dd)');
  const weekStart = weekStartText === undefined ? 1 : evaluateWeekStart(weekStartText.trim());
  // DS only looks at the format to decide whether a hyphen separates year and week.
  return { kind: 'year_week', hyphen: format.includes('-'), weekStart };
}

function evaluateWeekStart(text: string): number {
  const value = amountOf(text, 'week start', 'days');
  // DS maps 2..7 to Tuesday..Sunday and anything else to Monday; only 1..7 make sense.
  if (value < 1 || value > 7) fail(`bad week start "${text}": must be 1 (Monday) to 7 (Sunday)`);
  return value;
}

const TIMESTAMP_FORMAT = 'yyyyMMddHHmmss';
const TIMESTAMP_PARTS = JSON.stringify(parseDateFormat(TIMESTAMP_FORMAT));

function parseTimestamp(inner: string): DateExpression {
  const time = parseDateExpression(inner);
  // DS parses the rendered text back with yyyyMMddHHmmss, so any other format fails there.
  if (
    (time.kind !== 'shift' && time.kind !== 'calendar') ||
    JSON.stringify(time.format) !== TIMESTAMP_PARTS
  ) {
    fail(
      `timestamp(...) needs a time in ${TIMESTAMP_FORMAT}, e.g. timestamp(${TIMESTAMP_FORMAT}-1)`,
    );
  }
  return { kind: 'timestamp', time };
}

const CALL = /^([A-Za-z_]\w*)\((.*)\)$/s;
const CALL_START = /^[A-Za-z_]\w*\(/;

/**
 * Parses the text between `$[` and `]`.
 * @throws InvalidArgumentError (empty field) saying what is wrong: an unknown function, a bad
 *   format letter, a malformed or too large number, the wrong number of arguments.
 */
export function parseDateExpression(body: string): DateExpression {
  const call = CALL.exec(body);
  if (call === null) {
    if (CALL_START.test(body)) fail(`missing ")"`);
    return parseShift(body);
  }
  const name = call[1] ?? '';
  const inner = call[2] ?? '';
  if (name === 'timestamp') return parseTimestamp(inner);
  const args = inner.split(',');
  if (name === 'year_week') return parseYearWeek(args);
  const fn = CALENDAR_FUNCTIONS[name];
  if (!Object.hasOwn(CALENDAR_FUNCTIONS, name) || fn === undefined) {
    const known = [...Object.keys(CALENDAR_FUNCTIONS), 'year_week', 'timestamp'].join(', ');
    return fail(`unknown function "${name}" (known: ${known})`);
  }
  return parseCalendar(name, fn, args);
}
