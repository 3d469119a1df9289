import { sql, type Transaction } from 'kysely';
import type { Db } from '../../../shared/db/connect.js';
import type { Database, InstanceRow } from '../../../shared/db/schema.js';
import { OWNED_WORKFLOW_STATES } from '../../../shared/domain/workflow-states.js';
import { countFailovers } from '../metrics.js';
import { queueAlertEvents } from './alert-outbox-writes.js';

/**
 * Recording in MySQL that this master owns instances, after it claimed them in etcd. An
 * instance is taken only if its recorded epoch is older than the claim's, so a stale claim
 * (made before another master's newer one) changes nothing.
 */
export class ClaimStore {
  constructor(
    private readonly db: Db,
    private readonly actor: string,
    private readonly assertLive: () => void,
  ) {}

  /**
   * Records this master as owner under `epoch` if that is newer than the row's epoch and the
   * instance still needs an owner. Returns the row, or undefined if the claim is moot.
   */
  async claim(instanceId: string, epoch: bigint): Promise<InstanceRow | undefined> {
    this.assertLive();
    const { row, takenOver } = await this.db.transaction().execute(async (trx) => {
      const none = { row: undefined, takenOver: false };
      const before = await trx
        .selectFrom('workflow_instances')
        .selectAll()
        .where('id', '=', instanceId)
        .forUpdate()
        .executeTakeFirst();
      // An equal epoch is our own earlier claim (revisions are unique): adopting again is fine.
      if (before === undefined || BigInt(before.owner_epoch) > epoch) return none;
      if (!(OWNED_WORKFLOW_STATES as readonly string[]).includes(before.state)) return none;
      if (BigInt(before.owner_epoch) === epoch) return { row: before, takenOver: false };
      const now = new Date();
      await trx
        .updateTable('workflow_instances')
        .set({ owner: this.actor, owner_epoch: epoch.toString(), updated_at: now })
        .where('id', '=', instanceId)
        .execute();
      const reason =
        before.owner === null
          ? 'claimed'
          : `taken over from ${before.owner} (epoch ${before.owner_epoch})`;
      await this.history(trx, instanceId, epoch, before.state, reason);
      // A take-over is a FAILOVER alert, committed with the claim that made it.
      if (before.owner !== null) await queueAlertEvents(trx, [instanceId], 'FAILOVER', reason);
      return {
        row: { ...before, owner: this.actor, owner_epoch: epoch.toString(), updated_at: now },
        takenOver: before.owner !== null,
      };
    });
    // Counted once committed: a rolled-back claim took nothing over.
    if (takenOver) countFailovers(1);
    return row;
  }

  /**
   * `claim` for many instances in one transaction (failover): records this master as owner
   * under `epoch` for each that still needs an owner and has an older epoch. Returns those.
   */
  async claimMany(instanceIds: readonly string[], epoch: bigint): Promise<InstanceRow[]> {
    this.assertLive();
    if (instanceIds.length === 0) return [];
    const { claimed, takenOver } = await this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('workflow_instances')
        .selectAll()
        .where('id', 'in', [...instanceIds])
        .forUpdate()
        .execute();
      const claimable = rows.filter(
        (r) =>
          BigInt(r.owner_epoch) < epoch &&
          (OWNED_WORKFLOW_STATES as readonly string[]).includes(r.state),
      );
      if (claimable.length === 0) return { claimed: [], takenOver: 0 };
      const now = new Date();
      await trx
        .updateTable('workflow_instances')
        .set({ owner: this.actor, owner_epoch: epoch.toString(), updated_at: now })
        .where(
          'id',
          'in',
          claimable.map((r) => r.id),
        )
        .execute();
      await trx
        .insertInto('state_changes')
        .values(
          claimable.map((r) => ({
            instance_id: r.id,
            task: null,
            attempt: null,
            from_state: r.state,
            to_state: r.state,
            actor: this.actor,
            epoch: epoch.toString(),
            reason:
              r.owner === null ? 'claimed' : `taken over from ${r.owner} (epoch ${r.owner_epoch})`,
            at: sql<Date>`NOW(6)`,
          })),
        )
        .execute();
      for (const r of claimable.filter((c) => c.owner !== null))
        await queueAlertEvents(
          trx,
          [r.id],
          'FAILOVER',
          `taken over from ${r.owner} (epoch ${r.owner_epoch})`,
        );
      return {
        claimed: claimable.map((r) => ({
          ...r,
          owner: this.actor,
          owner_epoch: epoch.toString(),
          updated_at: now,
        })),
        takenOver: claimable.filter((r) => r.owner !== null).length,
      };
    });
    countFailovers(takenOver);
    return claimed;
  }

  private async history(
    trx: Transaction<Database>,
    instanceId: string,
    epoch: bigint,
    state: string,
    reason: string,
  ): Promise<void> {
    await trx
      .insertInto('state_changes')
      .values({
        instance_id: instanceId,
        task: null,
        attempt: null,
        from_state: state,
        to_state: state,
        actor: this.actor,
        epoch: epoch.toString(),
        reason: reason,
        // The database's clock, like the triggers that record every other change.
        at: sql<Date>`NOW(6)`,
      })
      .execute();
  }
}
