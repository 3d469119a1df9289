import { metrics } from '@opentelemetry/api';
import type { MemberLease } from '../etcd/member-lease.js';

/** What a process records about its own member lease. */
export interface LeaseMetrics {
  /** Counts one loss of the lease (expired, or stale past its TTL and given up). */
  leaseLost(): void;
}

/**
 * Registers, for Prometheus:
 * - `baton.lease.keepalive_age` (gauge, ms): time since the newest keep-alive etcd confirmed
 *   was sent, read at scrape time from whichever lease `current` returns (so it follows a lease
 *   renewed after a loss). A process self-fences once it reaches the lease TTL.
 * - `baton.lease.lost` (counter): losses of this process's lease.
 *
 * Call once the telemetry SDK has started: an instrument made before is a no-op for ever.
 */
export function registerLeaseMetrics(current: () => MemberLease): LeaseMetrics {
  const meter = metrics.getMeter('baton');
  meter
    .createObservableGauge('baton.lease.keepalive_age', {
      description: 'Time since the newest keep-alive of the member lease that etcd confirmed',
      unit: 'ms',
    })
    .addCallback((result) => result.observe(current().keepAliveAgeMs()));
  const lost = meter.createCounter('baton.lease.lost', {
    description: 'Losses of the member lease (expired in etcd, or stale past its TTL)',
  });
  // Present from the start, so that a rate over it is defined before the first loss.
  lost.add(0);
  return { leaseLost: () => lost.add(1) };
}
