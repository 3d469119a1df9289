/**
 * DolphinScheduler's business-time built-ins (`BusinessTimeUtils.getBusinessTime`), from an
 * instance's schedule time read in the schedule's time zone.
 */

import { addDays } from './calendar.js';
import { formatWallClock, parseDateFormat } from './date-format.js';
import { wallClockOf } from './zoned-clock.js';

const DATETIME = parseDateFormat('yyyyMMddHHmmss');
const DATE = parseDateFormat('yyyyMMdd');

/**
 * `system.datetime` (yyyyMMddHHmmss of `scheduleTime`), `system.biz.curdate` (its yyyyMMdd) and
 * `system.biz.date` (yyyyMMdd of the calendar day before), on the wall clock of `timezone`.
 * "The day before" is a calendar day, so a 23- or 25-hour DST day changes nothing.
 * @throws InvalidArgumentError (field `timezone`) for a zone Intl does not know.
 */
export function businessBuiltins(scheduleTime: Date, timezone: string): Record<string, string> {
  const wall = wallClockOf(scheduleTime, timezone);
  return {
    'system.datetime': formatWallClock(DATETIME, wall),
    'system.biz.curdate': formatWallClock(DATE, wall),
    'system.biz.date': formatWallClock(DATE, { ...wall, ...addDays(wall, -1) }),
  };
}
