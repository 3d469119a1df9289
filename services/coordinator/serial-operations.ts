import { EventEmitter } from 'node:events';
import {
  FailedPreconditionError,
  InvalidArgumentError,
  UnavailableError,
} from '../../shared/errors.js';
import { KeyedMutex } from '../../shared/keyed-mutex.js';
import type { Logger } from '../../shared/log.js';
import {
  ticketOf,
  type Admission,
  type SerialDecisionKind,
  type Tombstone,
} from '../../shared/serial/serial-values.js';
import type { HandOff } from './hand-off.js';
import type { InstanceStates } from './instance-states.js';
import { recordHandOff } from './metrics.js';
import type {
  DecisionNotifier,
  Fence,
  QueuedInstance,
  SlotHolder,
  Stored,
} from './serial-ports.js';
import type { SerialStore } from './serial-store.js';
import type { ShardKeeper } from './shard-keeper.js';

/** An instance asking for the slot: its admission (ticket, round), type and owner. */
export interface EnqueueInput extends Admission {
  workflow: string;
  executionType: string;
  owner: string;
  epoch: bigint;
}

export interface EnqueueResult {
  decision: SerialDecisionKind;
  position: number;
  holder: string | undefined;
}

const PRIORITY_SCAN = 1_000;

interface SerialOperationsEvents {
  /**
   * A definition has (or may now have) a slot, queue or tombstones on `shard`. Emitted under
   * the definition's mutex, before the operation's first read, so a listener that starts
   * reconciling the definition (the reconciler) never misses one.
   */
  definitionActive: [shard: number, workflow: string];
}

/**
 * The coordinator's operations on one definition's queue. Each runs under a per-definition
 * mutex (this coordinator is the single writer of its shards, so its own operations never
 * race) and every write is a fenced, revision-checked etcd transaction (so a deposed
 * coordinator's writes fail).
 */
export class SerialOperations extends EventEmitter<SerialOperationsEvents> {
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly keeper: Pick<ShardKeeper, 'fenceFor'>,
    private readonly store: SerialStore,
    private readonly states: Pick<InstanceStates, 'isStale'>,
    private readonly handOff: Pick<HandOff, 'tryAdmit'>,
    private readonly notifier: DecisionNotifier,
    private readonly stopHolder: (instanceId: string, reason: string) => void,
    private readonly log: Logger,
  ) {
    super();
  }

  /** Runs `op` for `workflow` under its mutex with this coordinator's fence for its shard. */
  exclusive<T>(workflow: string, op: (fence: Fence) => Promise<T>): Promise<T> {
    return this.mutex.run(workflow, () => op(this.keeper.fenceFor(workflow)));
  }

  enqueue(input: EnqueueInput): Promise<EnqueueResult> {
    return this.exclusive(input.workflow, async (fence) => {
      this.emit('definitionActive', fence.shard, input.workflow);
      const known = await this.existingDecision(fence, input);
      if (known !== undefined) return known;
      switch (input.executionType) {
        case 'SERIAL_DISCARD':
          return this.enqueueDiscard(fence, input);
        case 'SERIAL_PRIORITY':
          return this.enqueuePriority(fence, input);
        case 'SERIAL_WAIT':
          await this.putEntry(fence, input);
          return this.admitOrQueue(fence, input);
        default:
          throw new InvalidArgumentError(
            'execution_type',
            `not a serial execution type: "${input.executionType}"`,
          );
      }
    });
  }

  /**
   * Asking again is answered from what is stored; a newer owner is recorded on the way. Only
   * what is stored under the asker's ticket answers: a slot, entry or tombstone of an earlier
   * round of the same instance (carried on in place since) is stale, and the instance is queued
   * anew at the tail; the hand-off frees such a slot and drops such an entry.
   */
  private async existingDecision(
    fence: Fence,
    input: EnqueueInput,
  ): Promise<EnqueueResult | undefined> {
    const { shard } = fence;
    const [slot, tombstone, entry] = await Promise.all([
      this.store.slot(shard, input.workflow),
      this.store.tombstone(shard, input.workflow, input.instanceId),
      this.store.entry(shard, input.workflow, input.ticket),
    ]);
    if (slot?.value.ticket === input.ticket) {
      if (input.epoch > slot.value.epoch)
        await this.rewriteHolder(fence, input.workflow, slot, input);
      return { decision: 'ADMITTED', position: 0, holder: input.instanceId };
    }
    if (tombstone !== undefined && ticketOf(tombstone.value) === input.ticket) {
      return { decision: 'DISCARDED', position: 0, holder: slot?.value.instanceId };
    }
    if (entry === undefined) return undefined;
    if (input.epoch > entry.value.epoch)
      await this.store.moveEntryOwner(fence, entry, input.owner, input.epoch);
    return this.admitOrQueue(fence, input);
  }

  private async enqueueDiscard(fence: Fence, input: EnqueueInput): Promise<EnqueueResult> {
    const slot = await this.store.slot(fence.shard, input.workflow);
    const held = slot !== undefined && !(await this.states.isStale(slot.value));
    const [waiting] = await this.store.head(fence.shard, input.workflow, 1);
    if (held || waiting !== undefined)
      return { decision: 'DISCARDED', position: 0, holder: slot?.value.instanceId };
    await this.putEntry(fence, input);
    return this.admitOrQueue(fence, input);
  }

  /**
   * SERIAL_PRIORITY: the newest admission wins; older waiting ones are discarded, an older
   * holder stopped. "Newest" is by ticket, so an instance recovered or resumed from STOP is the
   * newest when it re-enters (its ticket is drawn then), as a new submission would be.
   */
  private async enqueuePriority(fence: Fence, input: EnqueueInput): Promise<EnqueueResult> {
    const ticket = BigInt(input.ticket);
    const slot = await this.store.slot(fence.shard, input.workflow);
    const waiting = await this.store.head(fence.shard, input.workflow, PRIORITY_SCAN);
    const newer = [slot?.value.ticket, ...waiting.map((w) => w.value.ticket)].some(
      (other) => other !== undefined && BigInt(other) > ticket,
    );
    if (newer) return { decision: 'DISCARDED', position: 0, holder: slot?.value.instanceId };
    for (const older of waiting)
      await this.discard(
        fence,
        input.workflow,
        older,
        `superseded by instance ${input.instanceId}`,
      );
    await this.putEntry(fence, input);
    if (slot !== undefined && !(await this.states.isStale(slot.value))) {
      this.stopHolder(
        slot.value.instanceId,
        `superseded by instance ${input.instanceId} (SERIAL_PRIORITY)`,
      );
    }
    return this.admitOrQueue(fence, input);
  }

  private async discard(
    fence: Fence,
    workflow: string,
    entry: Stored<QueuedInstance>,
    reason: string,
  ): Promise<void> {
    const tombstone: Tombstone = {
      instanceId: entry.value.instanceId,
      ticket: entry.value.ticket,
      round: entry.value.round,
      owner: entry.value.owner,
      reason,
      at: new Date().toISOString(),
    };
    if (await this.store.discardEntry(fence, workflow, entry, tombstone))
      this.notifier.notify(entry.value.owner, workflow, entry.value, 'DISCARDED');
  }

  private async putEntry(fence: Fence, input: EnqueueInput): Promise<void> {
    const entry: QueuedInstance = {
      instanceId: input.instanceId,
      ticket: input.ticket,
      round: input.round,
      owner: input.owner,
      epoch: input.epoch,
      queuedAt: new Date().toISOString(),
      executionType: input.executionType,
    };
    if (await this.store.putEntry(fence, input.workflow, entry)) return;
    // Not written: it was queued already (asked again), or this coordinator has just lost the
    // shard (rebalanced away under the request). Then the master must ask the shard's new
    // owner; told QUEUED, it would wait in a queue it is not in while later instances run.
    if ((await this.store.entry(fence.shard, input.workflow, input.ticket)) === undefined) {
      throw new UnavailableError(
        `instance ${input.instanceId} was not queued: shard ${fence.shard} moved; ask again`,
      );
    }
  }

  private async admitOrQueue(fence: Fence, input: EnqueueInput): Promise<EnqueueResult> {
    const startedAt = performance.now();
    const result = await this.handOff.tryAdmit(fence, input.workflow, 'enqueue');
    recordHandOff('enqueue', input.workflow, result, startedAt);
    const slot = await this.store.slot(fence.shard, input.workflow);
    if (slot?.value.ticket === input.ticket) {
      return { decision: 'ADMITTED', position: 0, holder: input.instanceId };
    }
    const position = await this.store.position(fence.shard, input.workflow, input.ticket);
    return { decision: 'QUEUED', position, holder: slot?.value.instanceId };
  }

  /**
   * Frees the slot of an instance that has ended and admits the next one, in one transaction.
   * @throws FailedPreconditionError while MySQL does not show the instance ended.
   */
  release(
    workflow: string,
    instanceId: string,
  ): Promise<{ released: boolean; next: string | undefined }> {
    // The hand-off's latency counts from the request's arrival, waiting for the mutex included.
    const startedAt = performance.now();
    return this.exclusive(workflow, async (fence) => {
      // Frees the slot and admits the next in one transaction, if MySQL shows the holder ended.
      const result = await this.handOff.tryAdmit(fence, workflow, 'release', instanceId);
      recordHandOff('release', workflow, result, startedAt);
      const released = result.released === instanceId;
      if (result.releasingEnded === false && result.holder === instanceId && !released) {
        throw new FailedPreconditionError(`instance ${instanceId} has not ended in MySQL`);
      }
      return { released, next: result.admitted };
    });
  }

  /**
   * A waiting instance leaves the queue (it was stopped); the next may then be admitted. Only
   * its entry under `admission`'s ticket is removed.
   */
  remove(workflow: string, admission: Admission): Promise<boolean> {
    return this.exclusive(workflow, async (fence) => {
      const entry = await this.store.entry(fence.shard, workflow, admission.ticket);
      if (entry?.value.instanceId !== admission.instanceId) return false;
      const removed = await this.store.dropEntry(fence, entry);
      if (removed) {
        const startedAt = performance.now();
        recordHandOff(
          'remove',
          workflow,
          await this.handOff.tryAdmit(fence, workflow, 'remove'),
          startedAt,
        );
      }
      return removed;
    });
  }

  /**
   * Records the holder's new owner after a failover. False if it does not hold the slot (under
   * this ticket).
   */
  updateHolder(workflow: string, input: EnqueueInput): Promise<boolean> {
    return this.exclusive(workflow, async (fence) => {
      const slot = await this.store.slot(fence.shard, workflow);
      if (slot?.value.ticket !== input.ticket || slot.value.instanceId !== input.instanceId)
        return false;
      if (input.epoch > slot.value.epoch) await this.rewriteHolder(fence, workflow, slot, input);
      return true;
    });
  }

  private async rewriteHolder(
    fence: Fence,
    workflow: string,
    slot: Stored<SlotHolder>,
    input: EnqueueInput,
  ): Promise<void> {
    await this.store.rewriteHolder(fence, slot, input.owner, input.epoch);
    this.log.info(
      { workflow, instance_id: input.instanceId, owner: input.owner },
      'slot holder has a new owner',
    );
  }
}
