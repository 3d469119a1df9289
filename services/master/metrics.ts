import { metrics, type Counter } from '@opentelemetry/api';
import { WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';

interface MasterInstruments {
  failovers: Counter;
  takeovers: Counter;
  alertDeliveries: Counter;
}

/** How an alert delivery attempt ended (`result` of baton_alert_deliveries_total). */
const ALERT_RESULTS = ['delivered', 'failed', 'abandoned', 'dropped'] as const;

/** Set by `registerMasterMetrics`; until then (and in unit tests) recording does nothing. */
let instruments: MasterInstruments | undefined;

/**
 * Registers the master's instruments:
 * - `baton.master.owned_instances` (gauge, by `state`): the instances this master runs now.
 * - `baton.failovers` (counter): instances this master adopted from an earlier owner (a dead
 *   or departed master, or its own earlier lease) instead of from nobody.
 * - `baton.takeovers` (counter): running tasks re-attached on their worker after such an
 *   adoption, instead of being run again.
 * - `baton.alert.deliveries` (counter, by `result`: delivered, failed — will be retried —,
 *   abandoned — retried past ALERT_GIVE_UP_AFTER_MS —, dropped — its channel was deleted):
 *   alert webhook attempts this master made (`baton_alert_deliveries_total` in Prometheus).
 *
 * Call once, after the telemetry SDK has started (an instrument made before is a no-op).
 */
export function registerMasterMetrics(ownedStates: () => Iterable<string>): void {
  const meter = metrics.getMeter('baton');
  meter
    .createObservableGauge('baton.master.owned_instances', {
      description: 'Workflow instances this master owns and runs, by state',
    })
    .addCallback((result) => {
      // Every state, 0 included: an omitted series would keep its last value in the exporter.
      const counts = new Map<string, number>(WORKFLOW_STATES.map((s) => [s, 0]));
      for (const state of ownedStates()) counts.set(state, (counts.get(state) ?? 0) + 1);
      for (const [state, n] of counts) result.observe(n, { state });
    });
  const failovers = meter.createCounter('baton.failovers', {
    description: 'Instances adopted from an earlier owner (failover)',
  });
  const takeovers = meter.createCounter('baton.takeovers', {
    description: 'Running tasks re-attached on their worker after a failover, not run again',
  });
  // Present from the start, so that a rate over them is defined before the first event.
  failovers.add(0);
  takeovers.add(0);
  const alertDeliveries = meter.createCounter('baton.alert.deliveries', {
    description: 'Alert webhook delivery attempts, by result',
  });
  for (const result of ALERT_RESULTS) alertDeliveries.add(0, { result });
  instruments = { failovers, takeovers, alertDeliveries };
}

/** Counts `n` instances adopted from an earlier owner. */
export function countFailovers(n: number): void {
  if (n > 0) instruments?.failovers.add(n);
}

/** Counts one running task re-attached on its worker. */
export function countTakeover(): void {
  instruments?.takeovers.add(1);
}

/** Counts one alert delivery attempt that ended with `result`. */
export function countAlertDelivery(result: (typeof ALERT_RESULTS)[number]): void {
  instruments?.alertDeliveries.add(1, { result });
}
