import type { Admission, SerialDecisionKind } from '../../shared/serial/serial-values.js';

/** A shard and the revision of this coordinator's claim on it: the fence of every write. */
export interface Fence {
  shard: number;
  revision: bigint;
}

/** A stored value with the key and mod revision that a transaction compares. */
export interface Stored<T> {
  key: string;
  value: T;
  mod: string;
}

/**
 * The running slot's holder as the coordinator works with it (epoch parsed once, on read): the
 * admission it was given the slot under, and its owner.
 */
export interface SlotHolder extends Admission {
  owner: string;
  epoch: bigint;
  since: string;
}

/** A waiting instance as the coordinator works with it; its entry's key is its ticket. */
export interface QueuedInstance extends Admission {
  owner: string;
  epoch: bigint;
  queuedAt: string;
  executionType: string;
}

/** Reads of one definition's slot and queue head. No fence: reading changes nothing. */
export interface SlotAndQueueReads {
  slot(shard: number, workflow: string): Promise<Stored<SlotHolder> | undefined>;
  head(shard: number, workflow: string, n: number): Promise<Stored<QueuedInstance>[]>;
}

/**
 * The fenced writes a hand-off makes. Each is one etcd transaction that compares this
 * coordinator's shard claim and the revisions of what it was read at, and resolves to whether
 * it committed (false: something changed since the read, or the shard is no longer ours).
 */
export interface HandOffWrites {
  admitHead(
    fence: Fence,
    workflow: string,
    slot: Stored<SlotHolder> | undefined,
    head: Stored<QueuedInstance>,
  ): Promise<boolean>;
  freeSlot(fence: Fence, slot: Stored<SlotHolder>): Promise<boolean>;
  dropEntry(fence: Fence, entry: Stored<QueuedInstance>): Promise<boolean>;
}

/** The store port of `HandOff`: what it reads and the three writes it makes. */
export type HandOffStore = SlotAndQueueReads & HandOffWrites;

/** What the hand-off asks MySQL (the durable record) about instances. */
export interface InstanceStateReads {
  /** The instance's state, or undefined when there is no such instance. */
  state(instanceId: string): Promise<string | undefined>;
  /**
   * The tickets among `admissions` that are stale: their instance ended (or is missing), or
   * has since been carried on in place under another ticket. A stale admission never runs.
   */
  stale(admissions: readonly Admission[]): Promise<Set<string>>;
  /** The lowest ticket of a recently admitted SERIAL_WAIT instance of `workflow` not queued yet. */
  lowestUnqueued(workflow: string): Promise<string | undefined>;
}

/** Tells an instance's owning master what was decided for it (fire and forget). */
export interface DecisionNotifier {
  notify(
    owner: string,
    workflow: string,
    admission: Admission,
    decision: Extract<SerialDecisionKind, 'ADMITTED' | 'DISCARDED'>,
  ): void;
}
