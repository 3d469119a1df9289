import { ResourceExhaustedError, UnavailableError } from '../../../shared/errors.js';
import type { ChangeEvent } from './change-event.js';
import { matches, Subscription, type WatchFilter } from './subscription.js';

export interface WatchLimits {
  /** Streams one api serves at once; past it WatchInstance(s) is RESOURCE_EXHAUSTED. */
  maxStreams: number;
  /** Bytes of changes queued for one stream; past it the stream ends RESOURCE_EXHAUSTED. */
  bufferBytes: number;
}

/**
 * The fan-out of one api process: the change tailer publishes each settled change here once,
 * and the hub hands it to every open stream that wants it (by instance id, or by the
 * cluster-wide filter). Streams subscribe before they catch up from MySQL, so what they read
 * there ends at the horizon the hub had when they subscribed and the rest arrives live.
 */
export class WatchHub {
  private readonly byInstance = new Map<string, Set<Subscription>>();
  private readonly wide = new Set<Subscription>();
  private count = 0;
  private published: bigint;
  private closed = false;

  constructor(
    private readonly limits: WatchLimits,
    horizon: bigint,
  ) {
    this.published = horizon;
  }

  /** Open streams. */
  get streams(): number {
    return this.count;
  }

  /** Bytes queued over every stream (a gauge). */
  get queuedBytes(): number {
    let bytes = 0;
    for (const subs of this.byInstance.values()) for (const s of subs) bytes += s.queuedBytes;
    for (const s of this.wide) bytes += s.queuedBytes;
    return bytes;
  }

  /**
   * A subscription receiving every change published from now on that `filter` matches, and the
   * horizon it starts after: every change with a larger id reaches it live, every change up to
   * `horizon` is in MySQL for good.
   * @throws ResourceExhaustedError past `maxStreams`; UnavailableError once the hub closed
   */
  subscribe(filter: WatchFilter): { subscription: Subscription; horizon: bigint } {
    if (this.closed) throw new UnavailableError('the api is shutting down; reconnect');
    if (this.count >= this.limits.maxStreams) {
      throw new ResourceExhaustedError(
        `this api serves ${this.count} watch streams already (MAX_WATCH_STREAMS); retry later ` +
          `or on another api`,
        { retryAfterMs: 1_000 },
      );
    }
    const subscription = new Subscription(filter, this.limits.bufferBytes, (s) => this.remove(s));
    if (filter.kind === 'instance') {
      let set = this.byInstance.get(filter.instanceId);
      if (set === undefined) this.byInstance.set(filter.instanceId, (set = new Set()));
      set.add(subscription);
    } else {
      this.wide.add(subscription);
    }
    this.count += 1;
    return { subscription, horizon: this.published };
  }

  /** Hands settled changes (in id order, all beyond the last published) to the streams. */
  publish(events: readonly ChangeEvent[]): void {
    for (const event of events) {
      if (event.id <= this.published) continue;
      this.published = event.id;
      for (const s of this.byInstance.get(event.instanceId) ?? []) s.push(event);
      for (const s of this.wide) if (matches(s.filter, event)) s.push(event);
    }
  }

  /** Moves the horizon past ids known never to appear (lost or rolled back), with no event. */
  passed(horizon: bigint): void {
    if (horizon > this.published) this.published = horizon;
  }

  /** Ends every stream with UNAVAILABLE (the api is stopping: clients reconnect elsewhere). */
  close(): void {
    this.closed = true;
    const all = [...this.wide, ...[...this.byInstance.values()].flatMap((s) => [...s])];
    for (const s of all) s.close(new UnavailableError('the api is shutting down; reconnect'));
  }

  private remove(subscription: Subscription): void {
    const { filter } = subscription;
    if (filter.kind === 'instance') {
      const set = this.byInstance.get(filter.instanceId);
      if (set?.delete(subscription) !== true) return;
      if (set.size === 0) this.byInstance.delete(filter.instanceId);
    } else if (!this.wide.delete(subscription)) return;
    this.count -= 1;
  }
}
