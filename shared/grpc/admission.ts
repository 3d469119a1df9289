import { ResourceExhaustedError } from '../errors.js';

/** Default bound on a server's calls in flight, and the wait it suggests when refusing one. */
export const DEFAULT_MAX_INFLIGHT_CALLS = 1_000;
const DEFAULT_RETRY_AFTER_MS = 250;

/**
 * Admission control for a gRPC server: a count of the calls in flight and a bound on it. Past
 * the bound a new call is refused at once with RESOURCE_EXHAUSTED and a retry hint, instead of
 * joining the queue behind the others: when etcd or MySQL slows down, a caller learns it in
 * microseconds and backs off, rather than every caller slowing down together while the backlog
 * grows and every deadline passes (issue 12). Shared by all the services bound to one server.
 */
export class CallAdmission {
  private inflight = 0;

  constructor(
    readonly maxInflight = DEFAULT_MAX_INFLIGHT_CALLS,
    readonly retryAfterMs = DEFAULT_RETRY_AFTER_MS,
  ) {}

  /** Calls admitted and not yet finished. */
  get inFlight(): number {
    return this.inflight;
  }

  /**
   * Admits one call; the returned function ends it (calling it again does nothing).
   * @throws ResourceExhaustedError (retryable, with `retryAfterMs`) when `maxInflight` calls
   *   are in flight already.
   */
  enter(): () => void {
    if (this.inflight >= this.maxInflight) {
      throw new ResourceExhaustedError(
        `server busy: ${this.inflight} calls in flight (bound ${this.maxInflight}); ` +
          `retry after ${this.retryAfterMs} ms`,
        { retryAfterMs: this.retryAfterMs },
      );
    }
    this.inflight += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inflight -= 1;
    };
  }
}
