/**
 * Wall-clock time in an IANA time zone, read and resolved with `Intl.DateTimeFormat` only.
 *
 * Resolving wall-clock fields to an instant follows java.time's `ZonedDateTime.ofLocal` (and
 * Temporal's `disambiguation: 'compatible'`), so results stay deterministic and close to what
 * DolphinScheduler's JVM gives:
 * - in a gap (spring forward), the time is moved later by the length of the gap: 02:30 on the
 *   day Europe/Berlin jumps from 02:00 to 03:00 resolves to 03:30 CEST;
 * - in an overlap (fall back), the earlier of the two instants wins: 02:30 on the day Berlin
 *   goes back from 03:00 to 02:00 resolves to 02:30 CEST, not CET.
 */

import { InternalError, InvalidArgumentError } from '../../errors.js';
import { type CalendarDate, epochDay } from './calendar.js';

/** What a clock on the wall shows, to the second. */
export interface WallClock extends CalendarDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const DAY_MS = 86_400_000;

// Built once per zone: constructing a DateTimeFormat costs far more than formatting with it.
// Bounded because case variants of valid names ("utc", "UTC") are endless.
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_ZONES = 1000;

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (err) {
      throw new InvalidArgumentError('timezone', `unknown time zone "${timezone}"`, { cause: err });
    }
    if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/**
 * The wall clock of `instant` in `timezone`, milliseconds dropped. Meant for years 1..9999.
 * @throws InvalidArgumentError (field `timezone`) for a zone Intl does not know.
 * @throws InternalError for an invalid Date.
 */
export function wallClockOf(instant: Date, timezone: string): WallClock {
  if (Number.isNaN(instant.getTime())) throw new InternalError('invalid Date');
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? NaN,
    month: fields.month ?? NaN,
    day: fields.day ?? NaN,
    hour: fields.hour ?? NaN,
    minute: fields.minute ?? NaN,
    second: fields.second ?? NaN,
  };
}

/** The wall clock as if it were UTC, in milliseconds: "local epoch milliseconds". */
function localMs(wall: WallClock): number {
  return epochDay(wall) * DAY_MS + ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000;
}

/** How far the zone's clock is ahead of UTC at `utcMs`. */
function offsetAt(utcMs: number, timezone: string): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  return localMs(wallClockOf(new Date(whole), timezone)) - whole;
}

/**
 * The instant at which the clock in `timezone` shows `wall`; gaps and overlaps are resolved as
 * the file comment says. Assumes at most one offset change within a day either side, which
 * holds for every zone in use.
 * @throws InvalidArgumentError (field `timezone`) for a zone Intl does not know.
 */
export function instantOf(wall: WallClock, timezone: string): Date {
  const local = localMs(wall);
  const before = offsetAt(local - DAY_MS, timezone);
  const after = offsetAt(local + DAY_MS, timezone);
  const matching = [local - before, local - after].filter(
    (utc) => offsetAt(utc, timezone) === local - utc,
  );
  // None matches in a gap: the offset from before the jump moves the time later by the gap.
  return new Date(matching.length > 0 ? Math.min(...matching) : local - before);
}
