import { MAX_MISSED_FIRES, nextFireTime, type Schedule } from './schedule.js';

/** The fire times in (since, now] a schedule's missed-fire policy fires, oldest first. */
export interface MissedFires {
  fires: Date[];
  /** `all` left out older missed fire times (more than MAX_MISSED_FIRES were missed). */
  truncated: boolean;
}

/**
 * What to fire for the time in (since, now] no master fired: by the schedule's `missed`
 * policy. Fire times outside the schedule's window never count.
 */
export function missedFires(schedule: Schedule, since: Date, now: Date): MissedFires {
  if (schedule.missed === 'none') return { fires: [], truncated: false };
  const latest = latestMissed(schedule, since, now);
  if (latest === undefined) return { fires: [], truncated: false };
  if (schedule.missed === 'latest') return { fires: [latest], truncated: false };
  // `all`: a step of the cron costs ~0.25 ms, so a per-second schedule down for a day cannot be
  // walked from `since` (86,400 steps). Walk back from the latest fire in windows that double,
  // starting from about MAX_MISSED_FIRES periods, until one holds enough fires or reaches `since`.
  const period = Math.max(
    1,
    (nextFireTime(schedule, latest)?.getTime() ?? latest.getTime() + 1) - latest.getTime(),
  );
  for (let span = period * MAX_MISSED_FIRES; ; span *= 2) {
    const from = Math.max(since.getTime(), latest.getTime() - span);
    const fires = firesIn(schedule, new Date(from), now);
    if (fires.length > MAX_MISSED_FIRES)
      return { fires: fires.slice(-MAX_MISSED_FIRES), truncated: true };
    if (from === since.getTime()) return { fires, truncated: false };
  }
}

/** Every fire time in (from, to], oldest first. */
function firesIn(schedule: Schedule, from: Date, to: Date): Date[] {
  const fires: Date[] = [];
  for (
    let t = nextFireTime(schedule, from);
    t !== undefined && t <= to;
    t = nextFireTime(schedule, t)
  )
    fires.push(t);
  return fires;
}

/**
 * The latest fire time in (since, now], if any — by bisection on "the next fire after t", which
 * never decreases as t grows, so a per-second schedule down for a day costs ~40 steps, not 86,400.
 */
export function latestMissed(schedule: Schedule, since: Date, now: Date): Date | undefined {
  const after = (t: number): number => nextFireTime(schedule, new Date(t))?.getTime() ?? Infinity;
  let lo = since.getTime();
  let hi = now.getTime();
  if (after(lo) > hi) return undefined;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (after(mid) <= now.getTime()) lo = mid;
    else hi = mid;
  }
  return new Date(after(lo));
}
