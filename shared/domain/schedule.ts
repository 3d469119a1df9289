import { Cron } from 'croner';
import { z } from 'zod';
import { instantOf } from './business-time/zoned-clock.js';

/**
 * What the scheduler does with fire times that passed while no master could fire them
 * (downtime, a leader change): `latest` fires only the latest one (the default), `all` fires
 * every one in order (at most MAX_MISSED_FIRES, the newest), `none` fires none.
 */
export const MISSED_POLICIES = ['latest', 'all', 'none'] as const;
export type MissedPolicy = (typeof MISSED_POLICIES)[number];

/** The most missed fire times `missed: all` fires at once; older ones are dropped (and logged). */
export const MAX_MISSED_FIRES = 1_000;

/** When a definition starts by itself: a cron expression in a time zone, within a window. */
export interface Schedule {
  /** Five fields (minute ... weekday), or six with seconds first. */
  cron: string;
  /** IANA time zone the expression is read in; default UTC. */
  timezone: string;
  /** No fire before this instant (RFC 3339, UTC), or null. */
  startAt: string | null;
  /** No fire after this instant (RFC 3339, UTC), or null. */
  endAt: string | null;
  missed: MissedPolicy;
}

/** A schedule stored before `startAt`/`endAt`/`missed` existed, in today's shape. */
export function withScheduleDefaults(
  stored: Pick<Schedule, 'cron' | 'timezone'> & Partial<Schedule>,
): Schedule {
  return { startAt: null, endAt: null, missed: 'latest', ...stored };
}

function parseCron(schedule: Pick<Schedule, 'cron' | 'timezone'>): Cron {
  return new Cron(schedule.cron, { timezone: schedule.timezone, paused: true });
}

/**
 * The first fire time strictly after `after` and inside the schedule's window, or undefined
 * when it never fires again.
 */
export function nextFireTime(schedule: Schedule, after: Date): Date | undefined {
  const start = schedule.startAt === null ? -Infinity : Date.parse(schedule.startAt) - 1;
  const next = parseCron(schedule).nextRun(new Date(Math.max(after.getTime(), start)));
  if (next === null) return undefined;
  if (schedule.endAt !== null && next.getTime() > Date.parse(schedule.endAt)) return undefined;
  return next;
}

/** A wall clock without an offset: a date, optionally with a time. */
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
/** RFC 3339 with an offset or Z. */
const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * `startAt`/`endAt` as written: RFC 3339 with an offset, or a date or date-time without one,
 * read as a wall clock in the schedule's time zone (as DolphinScheduler's start and end times
 * are). YAML may hand an unquoted timestamp over as a Date.
 * @returns the instant in RFC 3339 UTC, or undefined when it is not such a time.
 */
export function parseScheduleInstant(value: string | Date, timezone: string): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  const text = value.trim();
  if (OFFSET_TIME.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  const m = LOCAL_TIME.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((p) => Number(p ?? 0));
  const wall = {
    year: year!,
    month: month!,
    day: day!,
    hour: hour!,
    minute: minute!,
    second: second!,
  };
  const probe = new Date(
    Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second),
  );
  // Date.UTC rolls 2026-02-30 over to March: such a date does not exist.
  if (
    probe.getUTCDate() !== wall.day ||
    probe.getUTCHours() !== wall.hour ||
    wall.minute > 59 ||
    wall.second > 59
  )
    return undefined;
  return instantOf(wall, timezone).toISOString();
}

const instantInput = z.union([z.string(), z.date()]).optional();

/** Checks a schedule: the cron expression, the time zone and the window, each on its own field. */
export const scheduleSchema = z
  .strictObject({
    cron: z.string().trim().min(1, 'must not be empty'),
    timezone: z.string().default('UTC'),
    startAt: instantInput,
    endAt: instantInput,
    missed: z.enum(MISSED_POLICIES).default('latest'),
  })
  .transform((raw, ctx): Schedule => {
    const schedule: Schedule = {
      cron: raw.cron,
      timezone: raw.timezone,
      startAt: null,
      endAt: null,
      missed: raw.missed,
    };
    try {
      Intl.DateTimeFormat('en-US', { timeZone: raw.timezone });
    } catch {
      ctx.addIssue({
        code: 'custom',
        path: ['timezone'],
        message: `unknown time zone "${raw.timezone}"`,
      });
      return schedule;
    }
    try {
      if (parseCron(raw).nextRun(new Date()) === null)
        ctx.addIssue({ code: 'custom', path: ['cron'], message: 'never fires' });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      ctx.addIssue({ code: 'custom', path: ['cron'], message });
    }
    for (const field of ['startAt', 'endAt'] as const) {
      const value = raw[field];
      if (value === undefined) continue;
      const instant = parseScheduleInstant(value, raw.timezone);
      if (instant === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message:
            'must be a date-time such as 2026-03-01T00:00:00Z, or 2026-03-01 00:00 in the time zone',
        });
      else schedule[field] = instant;
    }
    if (schedule.startAt !== null && schedule.endAt !== null && schedule.endAt <= schedule.startAt)
      ctx.addIssue({ code: 'custom', path: ['endAt'], message: 'must be after startAt' });
    return schedule;
  });
