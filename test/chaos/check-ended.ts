/** F3 no lost work (shared/DESIGN.md): every submitted instance ended. */
import { clock, OPEN_STATES, type Violation } from './evidence.js';
import type { InstanceRecord } from './history.js';
import type { StartedInstance } from './workload.js';

/**
 * F3: every instance the api confirmed exists in MySQL, and every PARALLEL instance (children
 * included) has reached a terminal state after the settle time. Serial instances that have not
 * ended are S2's to report, so one stuck instance is not counted twice.
 */
export function checkNoLostWork(
  instances: readonly InstanceRecord[],
  started: readonly StartedInstance[],
): Violation[] {
  const known = new Set(instances.map((i) => i.id));
  const lost = started
    .filter((s) => !known.has(s.id))
    .map((s) => ({
      invariant: 'F3' as const,
      message: `instance ${s.id} (${s.workflow}) was started by the api but is not in MySQL`,
    }));
  const open = instances
    .filter((i) => i.executionType === 'PARALLEL' && OPEN_STATES.includes(i.state))
    .map((i) => ({
      invariant: 'F3' as const,
      message: `instance ${i.id} (${i.workflow}) is still ${i.state}, submitted ${clock(i.createdAt)}`,
    }));
  return [...lost, ...open];
}
