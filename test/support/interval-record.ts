import { existsSync, readFileSync } from 'node:fs';

/** One run of a task as it recorded itself: its key and when it started and ended (ms). */
export interface RecordedRun {
  key: string;
  start: number;
  end: number | undefined;
}

/**
 * A shell snippet that appends `start KEY NANOS` and, after `body`, `end KEY NANOS` to
 * `file`: an external record of what ran, and when, written by the task processes themselves.
 */
export function recordingCommand(file: string, key: string, body: string): string {
  const stamp = (what: string) => `echo "${what} ${key} $(date +%s%N)" >> ${file}`;
  return `${stamp('start')}; ${body}; status=$?; ${stamp('end')}; exit $status`;
}

/** The runs in `file`, in the order they started. */
export function recordedRuns(file: string): RecordedRun[] {
  if (!existsSync(file)) return [];
  const runs: RecordedRun[] = [];
  const open = new Map<string, RecordedRun[]>();
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const [what, key, nanos] = line.split(' ') as [string, string, string];
    const at = Number(BigInt(nanos) / 1_000_000n);
    if (what === 'start') {
      const run = { key, start: at, end: undefined };
      runs.push(run);
      open.set(key, [...(open.get(key) ?? []), run]);
    } else {
      const run = open.get(key)?.find((r) => r.end === undefined);
      if (run !== undefined) run.end = at;
    }
  }
  return runs.sort((a, b) => a.start - b.start);
}

/** The most runs that were running at one moment. */
export function maxConcurrent(runs: readonly RecordedRun[]): number {
  const edges = runs.flatMap((r) => [
    { at: r.start, d: 1 },
    { at: r.end ?? Infinity, d: -1 },
  ]);
  // An end and a start at the same millisecond: the end first (they did not overlap).
  edges.sort((a, b) => a.at - b.at || a.d - b.d);
  let now = 0;
  let max = 0;
  for (const e of edges) {
    now += e.d;
    max = Math.max(max, now);
  }
  return max;
}
