import { Cron } from 'croner';
import { z } from 'zod';

/** When a definition starts by itself: a cron expression in a time zone. */
export interface Schedule {
  /** Five fields (minute ... weekday), or six with seconds first. */
  cron: string;
  /** IANA time zone the expression is read in; default UTC. */
  timezone: string;
}

function parseCron(schedule: Schedule): Cron {
  return new Cron(schedule.cron, { timezone: schedule.timezone, paused: true });
}

/** The first fire time strictly after `after`, or undefined when the expression never fires again. */
export function nextFireTime(schedule: Schedule, after: Date): Date | undefined {
  return parseCron(schedule).nextRun(after) ?? undefined;
}

/** Checks a schedule: the cron expression and the time zone, each reported on its own field. */
export const scheduleSchema = z
  .strictObject({
    cron: z.string().trim().min(1, 'must not be empty'),
    timezone: z.string().default('UTC'),
  })
  .superRefine((schedule, ctx) => {
    try {
      Intl.DateTimeFormat('en-US', { timeZone: schedule.timezone });
    } catch {
      ctx.addIssue({
        code: 'custom',
        path: ['timezone'],
        message: `unknown time zone "${schedule.timezone}"`,
      });
      return;
    }
    try {
      if (nextFireTime(schedule, new Date()) === undefined) {
        ctx.addIssue({ code: 'custom', path: ['cron'], message: 'never fires' });
      }
    } catch (err) {
      ctx.addIssue({
        code: 'custom',
        path: ['cron'],
        message: err instanceof Error ? err.message : String(err),
      });
    }
  });
