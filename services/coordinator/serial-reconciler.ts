import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { ticketOf } from '../../shared/serial/serial-values.js';
import type { HandOff } from './hand-off.js';
import type { InstanceStates } from './instance-states.js';
import { recordHandOff, type ShardDefinition } from './metrics.js';
import type { SerialOperations } from './serial-operations.js';
import type { DecisionNotifier, Fence } from './serial-ports.js';
import type { SerialStore } from './serial-store.js';
import type { ShardKeeper } from './shard-keeper.js';

const SWEEP = 1_000;

/**
 * Compares every held slot and the queue fronts of this coordinator's definitions with MySQL,
 * each interval: releases slots of ended holders (admitting the next), drops entries and
 * tombstones of ended instances, and pushes again to an admitted holder that has not started
 * or a discarded instance that has not ended. So a lost release or notification delays a
 * hand-off by at most one interval; nothing waits for "the next event" (S2).
 */
export class SerialReconciler {
  /** Definitions with a slot, queue or tombstones, by shard. */
  private readonly active = new Map<number, Set<string>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly keeper: ShardKeeper,
    private readonly store: SerialStore,
    private readonly states: InstanceStates,
    private readonly operations: Pick<SerialOperations, 'exclusive'>,
    private readonly handOff: Pick<HandOff, 'tryAdmit'>,
    private readonly notifier: DecisionNotifier,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {
    keeper.on('acquired', (shard) => void this.adoptShard(shard));
    keeper.on('lost', (shard) => this.active.delete(shard));
  }

  /**
   * Reconciles `workflow` from the next pass on (until it is found idle). Wired in main.ts to
   * SerialOperations' `definitionActive` event.
   */
  markActive(shard: number, workflow: string): void {
    let set = this.active.get(shard);
    if (set === undefined) this.active.set(shard, (set = new Set()));
    set.add(workflow);
  }

  /** Definitions with a slot, queue or tombstones on the shards this coordinator owns. */
  activeDefinitions(): ShardDefinition[] {
    return [...this.active].flatMap(([shard, workflows]) =>
      [...workflows].map((workflow) => ({ shard, workflow })),
    );
  }

  start(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** A shard taken over (its coordinator died): find its definitions and reconcile them now. */
  private async adoptShard(shard: number): Promise<void> {
    try {
      const names = await this.store.definitionsIn(shard);
      for (const name of names) this.markActive(shard, name);
      await this.reconcileShard(shard);
    } catch (err) {
      this.log.warn(
        { shard, err: errorMessage(err) },
        'shard take-over scan failed; the next pass retries',
      );
    }
  }

  private async pass(): Promise<void> {
    for (const shard of this.keeper.ownedShards()) await this.reconcileShard(shard);
  }

  private async reconcileShard(shard: number): Promise<void> {
    for (const workflow of [...(this.active.get(shard) ?? [])]) {
      try {
        const idle = await this.operations.exclusive(workflow, (fence) =>
          this.reconcileDefinition(fence, workflow),
        );
        if (idle) this.active.get(shard)?.delete(workflow);
      } catch (err) {
        this.log.warn({ workflow, err: errorMessage(err) }, 'serial reconcile failed');
      }
    }
  }

  /** Returns true when the definition has nothing left in etcd. */
  private async reconcileDefinition(fence: Fence, workflow: string): Promise<boolean> {
    const { shard } = fence;
    const startedAt = performance.now();
    recordHandOff(
      'reconciler',
      workflow,
      await this.handOff.tryAdmit(fence, workflow, 'reconciler'),
      startedAt,
    );
    const entries = await this.store.head(shard, workflow, SWEEP);
    const ended = await this.states.stale(entries.map((e) => e.value));
    for (const entry of entries.filter((e) => ended.has(e.value.ticket)))
      await this.store.dropEntry(fence, entry);
    // A tombstone is stale once its instance ended, or was carried on in place since (it then
    // waits under a new ticket, and is not discarded).
    const tombstones = await this.store.tombstones(shard, workflow, SWEEP);
    const admissions = tombstones.map((t) => ({
      instanceId: t.value.instanceId,
      ticket: ticketOf(t.value),
      round: t.value.round ?? 0,
    }));
    const gone = await this.states.stale(admissions);
    for (const [i, tombstone] of tombstones.entries()) {
      const admission = admissions[i]!;
      if (gone.has(admission.ticket)) {
        await this.store.deleteTombstone(fence, tombstone);
      } else {
        this.notifier.notify(tombstone.value.owner, workflow, admission, 'DISCARDED');
      }
    }
    const slot = await this.store.slot(shard, workflow);
    if (slot !== undefined) {
      const state = await this.states.state(slot.value.instanceId);
      const waitedMs = Date.now() - Date.parse(slot.value.since);
      // Pushed again only to a current admission: the hand-off above freed a stale one (an
      // earlier round of an instance carried on since), but it may have been carried on after.
      const pending = state === 'SERIAL_WAIT' || state === 'SUBMITTED';
      if (pending && waitedMs > this.intervalMs && !(await this.states.isStale(slot.value))) {
        this.notifier.notify(slot.value.owner, workflow, slot.value, 'ADMITTED');
      }
      return false;
    }
    return (
      entries.length < SWEEP && entries.length === ended.size && tombstones.length === gone.size
    );
  }
}
