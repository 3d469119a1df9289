/**
 * S3 across repairs (issue 14): a recovered or resumed-from-STOP instance of a SERIAL_WAIT
 * definition re-enters the serial queue at the tail. check-serial.ts judges round 0 (submission
 * order); this judges the rounds that came after a reopen against everything else.
 */
import { reopensOf } from './check-controls.js';
import { clock, groupBy, type ClosedRun, type Violation } from './evidence.js';
import type { ChangeRecord, InstanceRecord, TaskRecord } from './history.js';
import { attemptKey } from './record.js';

/** One round of one instance as the serial queue saw it. */
interface Entry {
  instance: string;
  round: number;
  /** Created (round 0) or reopened: it cannot be in the queue before this. */
  enteredAt: number;
  /** Its SUBMITTED→SERIAL_WAIT in this round: written after the coordinator queued it. */
  queuedAt: number | undefined;
  /** Its first →RUNNING in this round. */
  admittedAt: number | undefined;
  /** The first recorded start of an attempt of this round. */
  firstStart: number | undefined;
}

/**
 * S3 for reopened rounds, two ways, per SERIAL_WAIT definition:
 * - a round R opened by a reopen does not start before an entry W that was already waiting
 *   (W's SERIAL_WAIT written, W not yet RUNNING) when R was reopened: W was queued before R
 *   could be, so the tail puts R behind it;
 * - an entry W created or reopened after R's SERIAL_WAIT was written does not start before R.
 * Both compare times of this machine's one clock, ordered by causality (queued in etcd, then
 * SERIAL_WAIT written; created or reopened, then queued), so they need no slack; the gap-wait
 * exception of round 0 is about instances not yet queued and does not arise.
 */
export function checkRequeueOrder(
  runs: readonly ClosedRun[],
  instances: readonly InstanceRecord[],
  tasks: readonly TaskRecord[],
  changes: readonly ChangeRecord[],
): Violation[] {
  const serial = instances.filter((i) => i.executionType === 'SERIAL_WAIT');
  const entries = entriesOf(serial, runs, tasks, changes);
  const violations: Violation[] = [];
  for (const [workflow, group] of groupBy(entries, (e) => workflowOf(serial, e.instance))) {
    for (const r of group) {
      if (r.round === 0 || r.firstStart === undefined) continue;
      for (const w of group) {
        if (w.instance === r.instance || w.firstStart === undefined) continue;
        const waiting =
          w.queuedAt !== undefined &&
          w.queuedAt < r.enteredAt &&
          (w.admittedAt === undefined || w.admittedAt > r.enteredAt);
        if (waiting && r.firstStart < w.firstStart) {
          const how =
            r.queuedAt === undefined
              ? 'without waiting in the queue'
              : `queued ${clock(r.queuedAt)}`;
          violations.push({
            invariant: 'S3',
            message: `${workflow}: instance ${r.instance} round ${r.round} (reopened ${clock(r.enteredAt)}, ${how}) started ${clock(r.firstStart)}, before instance ${describe(w)}, which was already waiting: not at the tail`,
          });
        }
        const later = r.queuedAt !== undefined && w.enteredAt > r.queuedAt;
        if (later && w.firstStart < r.firstStart) {
          violations.push({
            invariant: 'S3',
            message: `${workflow}: instance ${describe(w)} entered ${clock(w.enteredAt)}, after instance ${r.instance} round ${r.round} was waiting (${clock(r.queuedAt!)}), but started first (${r.instance} started ${clock(r.firstStart)})`,
          });
        }
      }
    }
  }
  return violations;
}

function describe(e: Entry): string {
  return `${e.instance} round ${e.round} (queued ${e.queuedAt === undefined ? '-' : clock(e.queuedAt)}, started ${e.firstStart === undefined ? '-' : clock(e.firstStart)})`;
}

function workflowOf(instances: readonly InstanceRecord[], id: string): string {
  return instances.find((i) => i.id === id)?.workflow ?? '?';
}

/** Every round of every instance given, with what the queue saw of it. */
function entriesOf(
  instances: readonly InstanceRecord[],
  runs: readonly ClosedRun[],
  tasks: readonly TaskRecord[],
  changes: readonly ChangeRecord[],
): Entry[] {
  const roundOf = new Map(
    tasks.map((t) => [attemptKey({ ...t, instance: t.instanceId }), t.round]),
  );
  const runsOf = groupBy(runs, (r) => r.instance);
  const changesOf = groupBy(
    changes.filter((c) => c.task === null),
    (c) => c.instanceId,
  );
  const reopens = reopensOf(changes);
  const entries: Entry[] = [];
  for (const inst of instances) {
    const opened = reopens.get(inst.id) ?? [];
    const own = [...(changesOf.get(inst.id) ?? [])].sort((a, b) => a.id - b.id);
    for (let round = 0; round <= opened.length; round += 1) {
      const from = round === 0 ? -1 : opened[round - 1]!.id;
      const to = opened[round]?.id ?? Number.POSITIVE_INFINITY;
      const inRound = own.filter((c) => c.id > from && c.id < to);
      const starts = (runsOf.get(inst.id) ?? [])
        .filter((r) => (roundOf.get(attemptKey(r)) ?? 0) === round)
        .map((r) => r.start);
      entries.push({
        instance: inst.id,
        round,
        enteredAt: round === 0 ? inst.createdAt : opened[round - 1]!.at,
        queuedAt: inRound.find((c) => c.fromState === 'SUBMITTED' && c.toState === 'SERIAL_WAIT')
          ?.at,
        admittedAt: inRound.find((c) => c.toState === 'RUNNING')?.at,
        firstStart: starts.length === 0 ? undefined : Math.min(...starts),
      });
    }
  }
  return entries;
}
