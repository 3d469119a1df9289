import { ConflictError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { racePoint } from '../../shared/race-points.js';
import type { QueueEntry, SlotValue } from '../../shared/serial/serial-values.js';
import type { InstanceStates } from './instance-states.js';
import type { MasterNotifier } from './master-notifier.js';
import type { Fence, SerialStore, Stored } from './serial-store.js';

const MAX_ATTEMPTS = 10;

export interface HandOffResult {
  /** The holder whose slot was freed. */
  released?: string;
  /** The waiting instance admitted in the same transaction. */
  admitted?: string;
}

/**
 * Release-and-admit-next as ONE etcd transaction: it compares the slot's and the queue head's
 * mod revisions and this coordinator's shard claim, then frees the slot and gives it to the
 * head. It only frees a slot whose holder MySQL shows ended, drops (never admits) heads that
 * ended while waiting, and holds the head back while an earlier-submitted instance is not yet
 * queued. Called after every enqueue, release and removal, and by the reconciler.
 */
export class HandOff {
  constructor(
    private readonly store: SerialStore,
    private readonly states: InstanceStates,
    private readonly notifier: MasterNotifier,
    private readonly log: Logger,
    private readonly onAdmitted: (workflow: string, instanceId: string) => void = () => undefined,
  ) {}

  async tryAdmit(fence: Fence, workflow: string): Promise<HandOffResult> {
    const { store } = this;
    const slotKey = store.keys.slot(fence.shard, workflow);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const slot = await store.slot(fence.shard, workflow);
      if (slot !== undefined && !(await this.states.hasEnded(slot.value.instanceId))) return {};
      let head = await this.liveHead(fence, workflow);
      if (head?.value.executionType === 'SERIAL_WAIT') {
        const earlier = await this.states.earlierUnqueued(
          workflow,
          head.value.instanceId,
          slot?.value.instanceId,
        );
        if (earlier !== undefined) {
          this.log.debug(
            { workflow, head: head.value.instanceId, earlier },
            'head waits for an earlier submission',
          );
          head = undefined;
        }
      }
      if (slot === undefined && head === undefined) return {};
      await racePoint('coordinator.hand-off.before-txn', workflow);
      let txn = store.fenced(fence);
      txn =
        slot === undefined
          ? txn.and(slotKey, 'Version', '==', 0)
          : txn.and(slotKey, 'Mod', '==', slot.mod);
      if (head !== undefined) {
        const holder: SlotValue = {
          instanceId: head.value.instanceId,
          owner: head.value.owner,
          epoch: head.value.epoch,
          since: new Date().toISOString(),
        };
        txn = txn
          .and(head.key, 'Mod', '==', head.mod)
          .then(
            store.etcd.put(slotKey).value(JSON.stringify(holder)),
            store.etcd.delete().key(head.key),
          );
      } else {
        txn = txn.then(store.etcd.delete().key(slotKey));
      }
      const result = await txn.commit();
      if (!result.succeeded) continue;
      if (head !== undefined) {
        this.notifier.notify(head.value.owner, workflow, head.value.instanceId, 'ADMITTED');
        this.onAdmitted(workflow, head.value.instanceId);
      }
      this.log.debug(
        { workflow, released: slot?.value.instanceId, admitted: head?.value.instanceId },
        'hand-off',
      );
      return { released: slot?.value.instanceId, admitted: head?.value.instanceId };
    }
    throw new ConflictError(`hand-off for ${workflow} kept conflicting`);
  }

  /** The first waiting entry whose instance has not ended; ended ones are removed on the way. */
  private async liveHead(fence: Fence, workflow: string): Promise<Stored<QueueEntry> | undefined> {
    for (;;) {
      const [head] = await this.store.head(fence.shard, workflow, 1);
      if (head === undefined || !(await this.states.hasEnded(head.value.instanceId))) return head;
      const removed = await this.store
        .fenced(fence)
        .and(head.key, 'Mod', '==', head.mod)
        .then(this.store.etcd.delete().key(head.key))
        .commit();
      if (!removed.succeeded)
        throw new ConflictError(`queue of ${workflow} changed under the hand-off`);
      this.log.info(
        { workflow, instance_id: head.value.instanceId },
        'dropped queue entry of an ended instance',
      );
    }
  }
}
