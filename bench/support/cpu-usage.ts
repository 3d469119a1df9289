import { readFileSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ on Linux

/**
 * CPU seconds a process has used, its own plus that of children it has reaped (a worker's task
 * processes end up in the worker's figure), from /proc/<pid>/stat.
 */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime, cutime, cstime are fields 14-17 of the whole line: 11-14 after the name.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return ticks / TICKS_PER_S;
}

/** CPU seconds per named process between `start()` and `stop()`. */
export class CpuMeter {
  private readonly before = new Map<string, number>();

  constructor(private readonly pids: ReadonlyMap<string, number>) {}

  start(): void {
    for (const [name, pid] of this.pids) this.before.set(name, cpuSeconds(pid));
  }

  /** Seconds used by each process since `start`, grouped by `groupOf(name)`. */
  stop(groupOf: (name: string) => string = (n) => n): Map<string, number> {
    const used = new Map<string, number>();
    for (const [name, pid] of this.pids) {
      const group = groupOf(name);
      const delta = cpuSeconds(pid) - (this.before.get(name) ?? 0);
      used.set(group, (used.get(group) ?? 0) + delta);
    }
    return used;
  }
}
