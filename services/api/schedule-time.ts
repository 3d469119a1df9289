import { InvalidArgumentError } from '../../shared/errors.js';

/**
 * RFC 3339 `date-time` (section 5.6): full date, "T", time with an optional fraction, then "Z"
 * or a numeric offset. "T" and "Z" may be lower case (the RFC's note allows it). A date alone or
 * a time without a zone is refused on purpose: which midnight "2026-03-01" means depends on a
 * zone the api would have to guess, and a wrong business date is worse than a refused call.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const EXPECTED =
  'expected an RFC 3339 time with a zone, YYYY-MM-DDThh:mm:ss[.fff] then Z or ±hh:mm ' +
  '(e.g. 2026-03-01T00:00:00Z or 2026-03-01T02:00:00+02:00); a date alone or a time without Z ' +
  'or an offset is not accepted';

// The range of MySQL's DATETIME, which stores it (as UTC).
const EARLIEST = Date.UTC(1000, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * The business time a StartInstance asks for: undefined when `value` is empty (proto3's unset:
 * the api then uses the time it records the instance). Digits of the fraction past milliseconds
 * are dropped (the column keeps milliseconds).
 *
 * @throws InvalidArgumentError naming `field` when it is not an RFC 3339 time with a zone, names
 *   a day, hour, minute or second that does not exist (2026-02-30, 24:00, a leap second), or
 *   falls outside 1000-01-01T00:00:00Z .. 9999-12-31T23:59:59.999Z
 */
export function parseScheduleTime(value: string, field = 'schedule_time'): Date | undefined {
  if (value === '') return undefined;
  const m = DATE_TIME.exec(value);
  if (m === null) throw new InvalidArgumentError(field, `${EXPECTED}; got "${value}"`);
  const part = (i: number): number => Number(m[i]);
  const [year, month, day, hour, minute, second] = [
    part(1),
    part(2),
    part(3),
    part(4),
    part(5),
    part(6),
  ];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const refuse = (why: string): never => {
    throw new InvalidArgumentError(field, `${why}; got "${value}"`);
  };
  if (month < 1 || month > 12) refuse('month must be 01 to 12');
  // Day 0 of the next month is the last day of this one.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) refuse(`day must be 01 to ${daysInMonth} in that month`);
  if (hour > 23) refuse('hour must be 00 to 23');
  if (minute > 59) refuse('minute must be 00 to 59');
  // RFC 3339 allows :60 for a leap second; a JavaScript Date (and MySQL) cannot hold one.
  if (second > 59) refuse('second must be 00 to 59 (leap seconds are not supported)');
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const [offsetHours, offsetMins] = [part(10), part(11)];
    if (offsetHours > 23 || offsetMins > 59) refuse('the offset must be -23:59 to +23:59');
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  // Years below 100 would be read as 19xx by Date.UTC; they are out of range anyway.
  if (year < 1000) refuse('must be from 1000-01-01T00:00:00Z');
  const at = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  if (at < EARLIEST || at > LATEST)
    refuse('must be from 1000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z');
  return new Date(at);
}
