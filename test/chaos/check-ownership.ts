/**
 * F1 single owner (shared/DESIGN.md), checked on `state_changes`: every change carries the
 * epoch it was made under (the owner's claim revision), and MySQL numbers changes in commit
 * order. A fenced write can only commit while its epoch is the instance's newest.
 */
import { clock, groupBy, type Violation } from './evidence.js';
import type { Fault, FaultKind } from './faults.js';
import type { ChangeRecord, InstanceRecord } from './history.js';
import { isReopen } from './check-controls.js';

/**
 * How long after its last chance to renew its lease a master may still be seen writing: a
 * statement that passed the liveness check just before the cut may start in MySQL a little
 * later (a pool connection, a row lock).
 */
export const SELF_FENCE_SLACK_MS = 1_000;

/**
 * F1, four ways:
 * - per instance, in commit order, no change carries an epoch older than one already seen (a
 *   write by a master after a newer owner had claimed the instance);
 * - one epoch, one master: all changes under an epoch were made by the same actor;
 * - the instance row's owner is the actor of the changes under its final epoch (these two leave
 *   out the repair writes on an ended instance — a reopen by the api or by a parent's master,
 *   a FORCED_SUCCESS by the api — which are compare-and-sets on the row's state, made with no
 *   owner and under the old epoch by design: shared/instances/reopen-instance.ts);
 * - a master paused or cut off from etcd wrote nothing from TTL (+ slack) after the fault
 *   began until it was healed: it must stop acting by itself once its lease may have expired,
 *   even while nobody has claimed its instances yet (see LEASE_LOSING_FAULTS).
 */
/**
 * The faults after which a master may have lost its lease, so must stop writing by itself.
 *
 * Not `slow-mysql` and `stall-mysql`: they break only the master's link to MariaDB. Its etcd
 * lease stays alive (keep-alives go to etcd, which it still reaches), so it is still the owner
 * and nobody may take its instances over; a write it sent before or during the stall that
 * commits late, even past the TTL, is the owner's own write under the current epoch, which is
 * right. Were ownership to move meanwhile (the master resets a run after a failed query, and
 * it or another master claims the instance under a new epoch), the late write carries the old
 * epoch:
 * `WHERE owner_epoch = ?` refuses it, and if it did not, the first rule above (no older epoch
 * after a newer one) reports it. So stalls need no rule of their own, and this one would be
 * wrong for them: a stalled master's queued writes commit the moment the proxy heals, a few ms
 * before the nemesis records the fault's end, and would be flagged though harmless.
 */
const LEASE_LOSING_FAULTS: readonly FaultKind[] = ['pause-master', 'partition-master'];

export function checkSingleOwner(
  changes: readonly ChangeRecord[],
  instances: readonly InstanceRecord[],
  faults: readonly Fault[],
  leaseTtlMs: number,
): Violation[] {
  const violations: Violation[] = [];
  const ownerOf = new Map(instances.map((i) => [i.id, i]));
  for (const [instanceId, group] of groupBy(changes, (c) => c.instanceId)) {
    let newest = 0n;
    const actors = new Map<bigint, Set<string>>();
    for (const c of [...group].sort((a, b) => a.id - b.id)) {
      if (c.epoch < newest) {
        violations.push({
          invariant: 'F1',
          message: `instance ${instanceId}: ${c.actor} wrote ${describe(c)} under epoch ${c.epoch} at ${clock(c.at)}, after epoch ${newest} had claimed it`,
        });
      }
      if (c.epoch > newest) newest = c.epoch;
      if (c.epoch > 0n && !isReopen(c) && c.toState !== 'FORCED_SUCCESS') {
        const set = actors.get(c.epoch) ?? new Set<string>();
        set.add(c.actor);
        actors.set(c.epoch, set);
      }
    }
    for (const [epoch, who] of actors) {
      if (who.size > 1) {
        violations.push({
          invariant: 'F1',
          message: `instance ${instanceId}: epoch ${epoch} was written by ${[...who].join(' and ')}`,
        });
      }
    }
    const row = ownerOf.get(instanceId);
    const finalActors = row === undefined ? undefined : actors.get(row.ownerEpoch);
    if (row?.owner != null && finalActors !== undefined && !finalActors.has(row.owner)) {
      violations.push({
        invariant: 'F1',
        message: `instance ${instanceId}: owned by ${row.owner} at epoch ${row.ownerEpoch}, but that epoch's changes were made by ${[...finalActors].join(', ')}`,
      });
    }
  }
  for (const f of faults) {
    if (!LEASE_LOSING_FAULTS.includes(f.kind)) continue;
    const from = f.start + leaseTtlMs + SELF_FENCE_SLACK_MS;
    for (const c of changes) {
      if (c.actor !== f.target || c.at < from || c.at > f.end) continue;
      violations.push({
        invariant: 'F1',
        message: `instance ${c.instanceId}: ${c.actor} wrote ${describe(c)} at ${clock(c.at)}, ${c.at - f.start} ms into its ${f.kind} (${clock(f.start)}–${clock(f.end)}), past its lease TTL`,
      });
    }
  }
  return violations;
}

function describe(c: ChangeRecord): string {
  const what = c.task === null ? 'the instance' : `task ${c.task}#${c.attempt ?? '?'}`;
  return `${what} ${c.fromState ?? '∅'}→${c.toState}`;
}
