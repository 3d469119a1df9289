/**
 * Backfills (issue 15). B1, per date exactly once and nothing lost: every backfill the api
 * confirmed exists and ended after the settle; each of its instances runs one of its dates, no
 * date has two instances, and no date ran (in the record) in two instances; a SUCCESS backfill
 * has a SUCCESS instance for every date, a FAILED one with on-failure continue an ended
 * instance for every date. B2, the parallel bound: at no moment did tasks of more than
 * `parallel` of a backfill's instances run (from the record: each run from its start to its
 * end, the kill of its worker, or the check).
 */
import type { BackfillRecord, InstanceRecord } from './history.js';
import { clock, groupBy, OPEN_STATES, type ClosedRun, type Violation } from './evidence.js';

/** What the workload knows of a backfill: the api confirmed it (backfills.ts). */
export interface ConfirmedBackfill {
  id: string;
}

export function checkBackfills(
  confirmed: readonly ConfirmedBackfill[],
  backfills: readonly BackfillRecord[],
  instances: readonly InstanceRecord[],
  runs: readonly ClosedRun[],
): Violation[] {
  const violations: Violation[] = [];
  const b1 = (message: string) => violations.push({ invariant: 'B1', message });
  const byId = new Map(backfills.map((b) => [b.id, b]));
  for (const { id } of confirmed)
    if (!byId.has(id)) b1(`backfill ${id} was confirmed but is not in MySQL`);
  const ofBackfill = groupBy(
    instances.filter((i) => i.backfillId !== null),
    (i) => i.backfillId!,
  );
  const instanceOf = new Map(instances.map((i) => [i.id, i]));
  for (const b of backfills) {
    if (b.state === 'RUNNING')
      b1(`backfill ${b.id} (${b.workflow}) is still RUNNING after the settle`);
    const mine = ofBackfill.get(b.id) ?? [];
    const dates = new Set(b.fireTimes);
    const byDate = groupBy(mine, (i) => String(i.scheduleTime));
    for (const [date, group] of byDate) {
      if (!dates.has(Number(date)))
        b1(
          `backfill ${b.id}: instance ${group[0]!.id} runs ${clock(Number(date))}, not one of its dates`,
        );
      if (group.length > 1)
        b1(
          `backfill ${b.id}: date ${iso(Number(date))} has ${group.length} instances (${group.map((i) => i.id).join(', ')})`,
        );
    }
    for (const at of b.fireTimes) {
      const instance = byDate.get(String(at))?.[0];
      if (b.state === 'SUCCESS' && instance?.state !== 'SUCCESS')
        b1(
          `backfill ${b.id} ended SUCCESS but date ${iso(at)} has ${instance === undefined ? 'no instance' : `instance ${instance.id} ${instance.state}`}`,
        );
      if (
        b.state === 'FAILED' &&
        b.onFailure === 'continue' &&
        (instance === undefined || OPEN_STATES.includes(instance.state))
      )
        b1(
          `backfill ${b.id} ended FAILED (continue) but date ${iso(at)} has ${instance === undefined ? 'no instance' : `instance ${instance.id} ${instance.state}`}`,
        );
    }
    const mineRuns = runs.filter((r) => instanceOf.get(r.instance)?.backfillId === b.id);
    for (const [date, group] of groupBy(mineRuns, (r) =>
      String(instanceOf.get(r.instance)!.scheduleTime),
    )) {
      const ids = new Set(group.map((r) => r.instance));
      if (ids.size > 1)
        b1(`backfill ${b.id}: date ${iso(Number(date))} ran in instances ${[...ids].join(', ')}`);
    }
    const most = mostInstancesAtOnce(mineRuns);
    if (most.count > b.parallel)
      violations.push({
        invariant: 'B2',
        message: `backfill ${b.id} (parallel ${b.parallel}): tasks of ${most.count} instances ran at ${clock(most.at)}`,
      });
  }
  return violations;
}

/** The most distinct instances with a task running at one moment, and when. */
export function mostInstancesAtOnce(runs: readonly ClosedRun[]): { count: number; at: number } {
  const edges = runs.flatMap((r) => [
    { at: r.start, instance: r.instance, d: 1 },
    { at: r.end, instance: r.instance, d: -1 },
  ]);
  // An end and a start at the same millisecond did not overlap: ends first.
  edges.sort((a, b) => a.at - b.at || a.d - b.d);
  const active = new Map<string, number>();
  let best = { count: 0, at: 0 };
  for (const e of edges) {
    const n = (active.get(e.instance) ?? 0) + e.d;
    if (n === 0) active.delete(e.instance);
    else active.set(e.instance, n);
    if (active.size > best.count) best = { count: active.size, at: e.at };
  }
  return best;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
