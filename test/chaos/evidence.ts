/**
 * What the checker judges — the task record, MySQL's history, the nemesis's fault log and the
 * ids the api handed out — and the shape of a verdict.
 */
import { OWNED_WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';
import { workerKillAfter, type Crash, type Fault } from './faults.js';
import type { History } from './history.js';
import type { TaskRun } from './record.js';
import type { StartedInstance } from './workload.js';
import type { ControlCall } from './controls.js';
import type { ConfirmedBackfill } from './check-backfill.js';
import type { PoolAfter, PoolSize } from './task-groups.js';

export const INVARIANTS = {
  S1: 'serial instances overlapped',
  S2: 'serial instances still waiting or running after settling',
  S3: 'SERIAL_WAIT instances ran out of submission order',
  F1: 'writes by a master that no longer owned the instance',
  F2: 'more than one child per sub-workflow task attempt',
  F3: 'submitted instances that never ended',
  D1: 'a branch ran that its stored decision did not take, or a decision not stored once',
  ONCE: 'task attempts executed twice, or beside their retry',
  C1: 'a task attempt ran outside its round, a success re-run, or a control carried out twice',
  P1: 'a task started in a PAUSE/READY_PAUSE instance that was not running when it paused',
  B1: 'a backfill date run twice or lost, or a backfill that did not end',
  B2: "more of a backfill's instances running at once than its --parallel",
  T1: 'more tasks of a task group running at once than its size',
  T2: 'a task waiting for a task-group slot for ever, or a slot leaked',
  CRASH: 'service processes that died by themselves',
} as const;
export type Invariant = keyof typeof INVARIANTS;

export interface Violation {
  invariant: Invariant;
  message: string;
}

export interface Evidence {
  runs: readonly TaskRun[];
  history: History;
  faults: readonly Fault[];
  crashes: readonly Crash[];
  started: readonly StartedInstance[];
  /** The task-group pool's sizes as asked for, and its holders and queue after the settle. */
  poolSizes: readonly PoolSize[];
  poolAfter: PoolAfter | undefined;
  /** The backfills the api confirmed (backfills.ts). */
  backfills: readonly ConfirmedBackfill[];
  /** The controls workload's calls with their answers (empty when it did not run). */
  controls: readonly ControlCall[];
  leaseTtlMs: number;
  /** The coordinator's SERIAL_GAP_WAIT_MS (see the S3 check). */
  serialGapWaitMs: number;
  /** When the history was read: the end of time for runs that never recorded an end. */
  checkedAt: number;
}

/** A task run with an end: recorded, or inferred. */
export interface ClosedRun extends TaskRun {
  end: number;
  /** False when no end was recorded and the end is inferred. */
  endRecorded: boolean;
}

/**
 * Gives every run an end. A run with no recorded end ended when its worker was next killed
 * (its group dies with the worker); failing that, it is taken to have run until the check, the
 * pessimistic reading, so a task that silently kept running cannot hide an overlap.
 */
export function closeRuns(
  runs: readonly TaskRun[],
  faults: readonly Fault[],
  checkedAt: number,
): ClosedRun[] {
  return runs.map((run) => {
    if (run.end !== undefined) return { ...run, end: run.end, endRecorded: true };
    const killed = workerKillAfter(faults, run.worker, run.start);
    return { ...run, end: killed ?? checkedAt, endRecorded: false };
  });
}

/** `12:34:56.789` (UTC): times in messages, readable beside the service logs. */
export function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

/** `a#2 on worker-1 12:00:01.000–12:00:02.500` */
export function describeRun(run: ClosedRun): string {
  const end = run.endRecorded ? clock(run.end) : `${clock(run.end)} (no end recorded)`;
  return `${run.task}#${run.attempt} on ${run.worker} ${clock(run.start)}–${end}`;
}

/** Instance ids are decimal BIGINTs: compare them as numbers, not strings. */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

/** States of an instance that has not ended (it still needs an owner). */
export const OPEN_STATES: readonly string[] = OWNED_WORKFLOW_STATES;
