import { metrics, type Histogram } from '@opentelemetry/api';
import { cachedRead } from '../../shared/telemetry/cached-read.js';
import type { HandOffResult } from './hand-off.js';

/** What started the hand-off: a Release call, a reconcile pass, or another queue operation. */
export type HandOffPath = 'release' | 'reconciler' | 'enqueue' | 'remove';

/** A definition on one of this coordinator's shards. */
export interface ShardDefinition {
  shard: number;
  workflow: string;
}

/** Scrapes within this long of a count reuse it: a count walks the queue's keys in etcd. */
const DEPTH_CACHE_MS = 1_000;

let handOffs: Histogram | undefined;

/**
 * Registers the coordinator's instruments:
 * - `baton.serial.handoff.duration` (histogram, ms, by `workflow` and `path`): from when the
 *   coordinator acts on a holder's end (a Release call arrives; a reconcile pass or a queue
 *   operation finds the holder ended in MySQL) to the commit of the one etcd transaction that
 *   frees the slot and admits the successor. Recorded by `recordHandOff`.
 * - `baton.serial.queue_depth` (gauge, by `workflow`): waiting instances, counted in etcd at
 *   scrape time for the definitions `definitions` lists (those with a slot, queue or
 *   tombstones on this coordinator's shards). A definition reported once stays reported, as
 *   0, once it is idle or its shard went to another coordinator: the exporter would otherwise
 *   keep its last depth. So the cluster's depth of a definition is the sum over coordinators.
 *
 * Call once, after the telemetry SDK has started (an instrument made before is a no-op).
 */
export function registerCoordinatorMetrics(
  definitions: () => ShardDefinition[],
  queueLength: (shard: number, workflow: string) => Promise<number>,
): void {
  const meter = metrics.getMeter('baton');
  handOffs = meter.createHistogram('baton.serial.handoff.duration', {
    description: 'Serial hand-off latency: holder known ended to successor admitted in etcd',
    unit: 'ms',
    advice: {
      explicitBucketBoundaries: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
    },
  });
  const reported = new Set<string>();
  const depths = cachedRead(async () => {
    const active = definitions();
    const counts = await Promise.all(active.map((d) => queueLength(d.shard, d.workflow)));
    const result = new Map<string, number>([...reported].map((w) => [w, 0]));
    active.forEach((d, i) => result.set(d.workflow, counts[i] ?? 0));
    for (const workflow of result.keys()) reported.add(workflow);
    return result;
  }, DEPTH_CACHE_MS);
  meter
    .createObservableGauge('baton.serial.queue_depth', {
      description: 'Instances waiting in a serial queue on this coordinator, by definition',
    })
    .addCallback(async (result) => {
      for (const [workflow, depth] of await depths()) result.observe(depth, { workflow });
    });
}

/**
 * Records the latency of a hand-off begun at `startedAt` (`performance.now()`), if `result` is
 * one: a holder released and a successor admitted in the same transaction.
 */
export function recordHandOff(
  path: HandOffPath,
  workflow: string,
  result: HandOffResult,
  startedAt: number,
): void {
  if (result.released === undefined || result.admitted === undefined) return;
  handOffs?.record(performance.now() - startedAt, { workflow, path });
}
