import { CancelledError, ResourceExhaustedError, type BatonError } from '../../../shared/errors.js';
import { eventBytes, type ChangeEvent } from './change-event.js';

/** Which published changes a subscription receives. */
export type WatchFilter =
  | { kind: 'instance'; instanceId: string }
  | { kind: 'instances'; workflow: string | undefined; states: ReadonlySet<string> | undefined };

export function matches(filter: WatchFilter, event: ChangeEvent): boolean {
  if (filter.kind === 'instance') return event.instanceId === filter.instanceId;
  if (event.task !== null) return false;
  if (filter.workflow !== undefined && event.workflow !== filter.workflow) return false;
  return filter.states === undefined || filter.states.has(event.toState);
}

/**
 * One stream's queue of published changes not yet written to its client. Its size is bounded
 * in bytes (eventBytes): a client that reads slower than changes arrive is not allowed to grow
 * the api's memory; past `maxBytes` the subscription closes with RESOURCE_EXHAUSTED and the
 * client reconnects with the last change id it saw (it then catches up from MySQL, paced by its
 * own reading).
 */
export class Subscription {
  private readonly queue: ChangeEvent[] = [];
  private head = 0;
  private bytes = 0;
  private failure: BatonError | undefined;
  private wake: (() => void) | undefined;

  constructor(
    readonly filter: WatchFilter,
    private readonly maxBytes: number,
    private readonly onClose: (sub: Subscription) => void,
  ) {}

  /** Queued and not yet taken. */
  get size(): number {
    return this.queue.length - this.head;
  }

  get queuedBytes(): number {
    return this.bytes;
  }

  /** Why it closed (then `take` throws it), or undefined while open. */
  get closedWith(): BatonError | undefined {
    return this.failure;
  }

  push(event: ChangeEvent): void {
    if (this.failure !== undefined) return;
    this.bytes += eventBytes(event);
    if (this.bytes > this.maxBytes) {
      this.close(
        new ResourceExhaustedError(
          `the watcher reads too slowly: more than ${this.maxBytes} bytes of changes are ` +
            `waiting for it (WATCH_BUFFER_BYTES); reconnect with after_change = the last ` +
            `change_id received`,
        ),
      );
      return;
    }
    this.queue.push(event);
    this.wakeUp();
  }

  /**
   * The oldest queued change, waiting for one if none is queued.
   * @throws the error it closed with; CancelledError when `signal` aborts first
   */
  async take(signal: AbortSignal): Promise<ChangeEvent> {
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      const event = this.queue[this.head];
      if (event !== undefined) {
        this.head += 1;
        this.bytes -= eventBytes(event);
        if (this.head > 1024 && this.head * 2 > this.queue.length) {
          this.queue.splice(0, this.head);
          this.head = 0;
        }
        return event;
      }
      await new Promise<void>((resolve, reject) => {
        const abort = () => reject(new CancelledError('the caller went away'));
        if (signal.aborted) {
          abort();
          return;
        }
        signal.addEventListener('abort', abort, { once: true });
        this.wake = () => {
          signal.removeEventListener('abort', abort);
          resolve();
        };
      });
    }
  }

  /** Ends it: queued changes are dropped, `take` throws `reason`. Idempotent. */
  close(reason: BatonError): void {
    if (this.failure !== undefined) return;
    this.failure = reason;
    this.queue.length = 0;
    this.head = 0;
    this.bytes = 0;
    this.onClose(this);
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
