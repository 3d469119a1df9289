import { ATTR, inSpan } from '../../shared/telemetry/tracing.js';
import { ConflictError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { racePoint } from '../../shared/race-points.js';
import { isEnded } from './instance-states.js';
import type { HandOffPath } from './metrics.js';
import type {
  DecisionNotifier,
  Fence,
  HandOffStore,
  InstanceStateReads,
  QueuedInstance,
  Stored,
} from './serial-ports.js';

/**
 * The hand-off's retry policy: a transaction that lost its revision compare (the slot or the
 * head changed between the reads and the commit) is re-read and tried again at once, at most
 * this many times in all; then the caller gets a ConflictError (retryable: the master asks
 * again, the reconciler's next pass tries again). No backoff: this coordinator is the only
 * writer of its shards and its own operations on a definition are serialised, so a conflict
 * means a change that has already landed, not a contender still writing (the STYLE's bounded
 * revision retry, as etcd3's `stm.ts`).
 */
export const HAND_OFF_MAX_ATTEMPTS = 10;

export interface HandOffResult {
  /** The holder whose slot was freed. */
  released?: string;
  /** The waiting instance admitted in the same transaction. */
  admitted?: string;
  /** The slot's holder as read. */
  holder?: string;
  /** Whether MySQL shows the `releasing` instance ended (undefined when none was given). */
  releasingEnded?: boolean;
}

/**
 * Release-and-admit-next as ONE etcd transaction: it compares the slot's and the queue head's
 * mod revisions and this coordinator's shard claim, then frees the slot and gives it to the
 * head. It only frees a slot whose holder MySQL shows ended (or carried on in place since: a
 * stale ticket), drops (never admits) heads that ended while waiting, and holds the head back
 * while an instance with a lower ticket is not yet queued. Called after every enqueue, release and removal, and by the reconciler.
 */
export class HandOff {
  constructor(
    private readonly store: HandOffStore,
    private readonly states: InstanceStateReads,
    private readonly notifier: DecisionNotifier,
    private readonly log: Logger,
  ) {}

  /**
   * @param path what asks for the hand-off; recorded on the span (`baton.serial.path`). The span
   *   is in the trace of the call that asked: a Release is in the releasing instance's trace, an
   *   Enqueue or Remove in that instance's trace, a reconcile pass in a trace of its own.
   * @param releasing an instance whose release was asked for: its MySQL state is read along
   *   with the other first reads, and reported back as `releasingEnded`.
   * @throws ConflictError when the queue kept changing under it (see HAND_OFF_MAX_ATTEMPTS).
   */
  tryAdmit(
    fence: Fence,
    workflow: string,
    path: HandOffPath,
    releasing?: string,
  ): Promise<HandOffResult> {
    return inSpan(
      'baton.serial.handoff',
      {
        attributes: {
          [ATTR.workflow]: workflow,
          'baton.serial.shard': fence.shard,
          'baton.serial.path': path,
          ...(releasing === undefined ? {} : { 'baton.serial.releasing': releasing }),
        },
      },
      async (span) => {
        const result = await this.admitNext(fence, workflow, releasing);
        if (result.released !== undefined)
          span.setAttribute('baton.serial.released', result.released);
        if (result.admitted !== undefined)
          span.setAttribute('baton.serial.admitted', result.admitted);
        return result;
      },
    );
  }

  private async admitNext(
    fence: Fence,
    workflow: string,
    releasing?: string,
  ): Promise<HandOffResult> {
    const { store, states } = this;
    for (let attempt = 0; attempt < HAND_OFF_MAX_ATTEMPTS; attempt += 1) {
      // Two rounds of reads, each sent at once: the hand-off's latency is these and the commit.
      const [slot, [live], lowest, releasingState] = await Promise.all([
        store.slot(fence.shard, workflow),
        store.head(fence.shard, workflow, 1),
        states.lowestUnqueued(workflow),
        releasing === undefined ? undefined : states.state(releasing),
      ]);
      const releasingEnded = releasing === undefined ? undefined : isEnded(releasingState);
      const holder = slot?.value;
      // The releasing instance's state came with the first reads: if it ended, so did any
      // round of it that holds the slot.
      const known = holder !== undefined && holder.instanceId === releasing && releasingEnded;
      // On a release (the hot path) the head's own state is not read: a head ends while queued
      // only when its removal failed, its owner never starts an ended instance, and the
      // reconciler then frees the slot. Every other caller drops ended heads here.
      const headToCheck = releasing === undefined ? live?.value : undefined;
      const stale = await states.stale(
        [known ? undefined : holder, headToCheck].filter((a) => a !== undefined),
      );
      const holderEnded = holder === undefined || known || stale.has(holder.ticket);
      if (!holderEnded) return { releasingEnded, holder: holder.instanceId };
      if (live !== undefined && stale.has(live.value.ticket)) {
        await this.dropEntry(fence, workflow, live);
        continue;
      }
      let head = live;
      // Admission order: the head waits while a lower-ticketed instance is not queued yet.
      if (
        head?.value.executionType === 'SERIAL_WAIT' &&
        lowest !== undefined &&
        lowest !== holder?.ticket &&
        BigInt(lowest) < BigInt(head.value.ticket)
      ) {
        this.log.debug(
          { workflow, head: head.value.instanceId, ticket: head.value.ticket, earlier: lowest },
          'head waits for an earlier admission',
        );
        head = undefined;
      }
      if (slot === undefined && head === undefined)
        return { releasingEnded, holder: holder?.instanceId };

      await racePoint('coordinator.hand-off.before-txn', workflow);
      const committed =
        head === undefined
          ? slot !== undefined && (await store.freeSlot(fence, slot))
          : await store.admitHead(fence, workflow, slot, head);
      if (!committed) continue;
      if (head !== undefined)
        this.notifier.notify(head.value.owner, workflow, head.value, 'ADMITTED');
      this.log.debug(
        { workflow, released: slot?.value.instanceId, admitted: head?.value.instanceId },
        'hand-off',
      );
      return {
        released: slot?.value.instanceId,
        admitted: head?.value.instanceId,
        releasingEnded,
        holder: holder?.instanceId,
      };
    }
    throw new ConflictError(`hand-off for ${workflow} kept conflicting`);
  }

  /** Removes the entry of an instance that ended while it waited: it is never admitted. */
  private async dropEntry(
    fence: Fence,
    workflow: string,
    entry: Stored<QueuedInstance>,
  ): Promise<void> {
    if (!(await this.store.dropEntry(fence, entry)))
      throw new ConflictError(`queue of ${workflow} changed under the hand-off`);
    this.log.info(
      { workflow, instance_id: entry.value.instanceId },
      'dropped queue entry of an ended instance',
    );
  }
}
