import { EventEmitter } from 'node:events';

/** A run reached a terminal state (committed): its ownership can be released. */
export interface RunEnded {
  instanceId: string;
  epoch: bigint;
  parentId: string | null;
  /** The backfill that started it: its owner is told of the end. */
  backfillId?: string | null;
}

/**
 * A run forgot itself without ending: ownership was lost (`release` false: the key is someone
 * else's, or gone), or it reset after an error (`release` true: the instance is still ours in
 * MySQL; releasing the key lets a reconciler pass re-adopt it from MySQL).
 */
export interface RunDropped {
  instanceId: string;
  epoch: bigint;
  release: boolean;
}

interface RunEventMap {
  ended: [RunEnded];
  /** A run went PAUSE (not an end): a parent waiting for its child to pause is told. */
  paused: [RunEnded];
  dropped: [RunDropped];
}

/**
 * What runs tell the rest of the master. Events flow one way: a run publishes, ownership (and
 * the parent notification) subscribe in main.ts; no run holds a closure into ownership.
 */
export class RunEvents extends EventEmitter<RunEventMap> {}
