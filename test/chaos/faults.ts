/** The kinds of fault the nemesis injects, and the log of what it injected when. */

export const FAULT_KINDS = [
  'kill-master',
  'kill-coordinator',
  'kill-worker',
  'pause-master',
  'partition-master',
  'restart-etcd',
  'restart-mysql',
  'slow-mysql',
  'stall-mysql',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** What `--faults` names: groups of fault kinds. */
export const FAULT_GROUPS: Record<string, readonly FaultKind[]> = {
  kill: ['kill-master', 'kill-coordinator', 'kill-worker'],
  pause: ['pause-master'],
  partition: ['partition-master'],
  etcd: ['restart-etcd'],
  mysql: ['restart-mysql'],
  /** A slow or stalled link to MariaDB for one process (through its proxy; see nemesis.ts). */
  slowdb: ['slow-mysql', 'stall-mysql'],
  /** The workload alone: a baseline, and a check of the checker on a healthy cluster. */
  none: [],
};

/** One injected fault, from its start until it was healed. Times are epoch milliseconds. */
export interface Fault {
  kind: FaultKind;
  /** The process hit (`master-2`), or `etcd` / `mariadb`. */
  target: string;
  start: number;
  /** When the fault was healed: the process restarted or resumed, the link restored. */
  end: number;
  /** Parameters worth knowing when reading the log, e.g. `held 4200 ms`. */
  detail: string;
}

/** A service process that exited although nobody (nemesis or runner) ended it. */
export interface Crash {
  name: string;
  pid: number;
  at: number;
  /** `code 1`, `signal SIGABRT`, ... */
  how: string;
}

/**
 * The end of a task run that recorded none: the first kill of its worker after it started
 * (its process group dies with the worker), or undefined when no fault explains it.
 */
export function workerKillAfter(
  faults: readonly Fault[],
  worker: string,
  after: number,
): number | undefined {
  let first: number | undefined;
  for (const f of faults) {
    if (f.kind !== 'kill-worker' || f.target !== worker || f.start < after) continue;
    if (first === undefined || f.start < first) first = f.start;
  }
  return first;
}
