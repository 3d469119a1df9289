import { metrics } from '@opentelemetry/api';
import type { Db } from '../../shared/db/connect.js';
import { TASK_STATES } from '../../shared/domain/task-states.js';
import { WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';
import { cachedRead } from '../../shared/telemetry/cached-read.js';

/** Scrapes within this long of a count reuse it, so several scrapers cost one query. */
const COUNTS_CACHE_MS = 1_000;

interface StateCounts {
  instances: Map<string, number>;
  tasks: Map<string, number>;
}

/**
 * Registers the cluster-wide gauges `baton.instances` and `baton.tasks` by `state`, counted in
 * MySQL at scrape time (one GROUP BY per table, cached for a second). Every known state is
 * reported, 0 when none is in it: a series once reported keeps its last value in the exporter,
 * so leaving a state out would leave a stale count behind. Every api replica reports the same
 * numbers; aggregate with max, not sum.
 *
 * Call once the telemetry SDK has started.
 */
export function registerStateCountMetrics(db: Db): void {
  const meter = metrics.getMeter('baton');
  const instances = meter.createObservableGauge('baton.instances', {
    description: 'Workflow instances in MySQL, by state',
  });
  const tasks = meter.createObservableGauge('baton.tasks', {
    description: 'Task instances (every attempt) in MySQL, by state',
  });
  const read = cachedRead(() => countStates(db), COUNTS_CACHE_MS);
  meter.addBatchObservableCallback(
    async (result) => {
      const counts = await read();
      for (const [state, n] of counts.instances) result.observe(instances, n, { state });
      for (const [state, n] of counts.tasks) result.observe(tasks, n, { state });
    },
    [instances, tasks],
  );
}

async function countStates(db: Db): Promise<StateCounts> {
  const [instanceRows, taskRows] = await Promise.all([
    db
      .selectFrom('workflow_instances')
      .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('state')
      .execute(),
    db
      .selectFrom('task_instances')
      .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('state')
      .execute(),
  ]);
  return {
    instances: withZeros(WORKFLOW_STATES, instanceRows),
    tasks: withZeros(TASK_STATES, taskRows),
  };
}

function withZeros(
  states: readonly string[],
  rows: readonly { state: string; n: string | number | bigint }[],
): Map<string, number> {
  const counts = new Map(states.map((s) => [s, 0]));
  for (const row of rows) counts.set(row.state, Number(row.n));
  return counts;
}
