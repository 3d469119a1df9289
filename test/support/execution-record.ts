/**
 * The external record of what tasks actually did: each task appends `start <instance> <ms>` and
 * `end <instance> <ms>` lines to a file outside Baton. Invariants are checked on this record,
 * not on Baton's opinion of itself.
 */
import { existsSync, readFileSync } from 'node:fs';

export interface Interval {
  instance: string;
  start: number;
  end: number | undefined;
}

/**
 * A shell command that records its run around `body`, keeping `body`'s exit status. Killed
 * (SIGTERM), it records its end too — after `stopDelaySeconds`, to model a task that takes a
 * while to stop.
 */
export function recordedCommand(file: string, body: string, stopDelaySeconds = 0): string {
  const end = `echo "end $BATON_INSTANCE_ID $(date +%s%3N)" >> ${file}`;
  // Inside the trap's double quotes, `$` must wait until the trap runs.
  const deferred = end.replaceAll('"', '\\"').replaceAll('$', '\\$');
  const onTerm = `trap "sleep ${stopDelaySeconds}; ${deferred}; exit 143" TERM`;
  return `${onTerm}; echo "start $BATON_INSTANCE_ID $(date +%s%3N)" >> ${file}; ${body}; rc=$?; ${end}; exit $rc`;
}

export function readIntervals(file: string): Interval[] {
  if (!existsSync(file)) return [];
  const intervals = new Map<string, Interval>();
  const order: Interval[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [kind, instance, at] = line.split(' ');
    if (instance === undefined || at === undefined) continue;
    if (kind === 'start') {
      const interval = { instance, start: Number(at), end: undefined };
      intervals.set(instance, interval);
      order.push(interval);
    } else if (kind === 'end') {
      const interval = intervals.get(instance);
      if (interval !== undefined) interval.end = Number(at);
    }
  }
  return order;
}

/** Pairs of intervals that overlap in time (an unfinished one extends to infinity). */
export function overlaps(intervals: readonly Interval[]): [string, string][] {
  const found: [string, string][] = [];
  for (let i = 0; i < intervals.length; i += 1) {
    for (let j = i + 1; j < intervals.length; j += 1) {
      const a = intervals[i]!;
      const b = intervals[j]!;
      if (a.start < (b.end ?? Infinity) && b.start < (a.end ?? Infinity))
        found.push([a.instance, b.instance]);
    }
  }
  return found;
}
