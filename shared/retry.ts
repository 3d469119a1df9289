import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { isRetryable } from './errors.js';

export interface RetryOptions {
  /** Attempts after the first; `Infinity` retries until `retryOn` or the deadline says stop. */
  retries: number;
  /** First delay; each next one grows exponentially, with decorrelated jitter. Default 50 ms. */
  initialDelayMs?: number;
  /** Largest delay between attempts. Default 1 s. */
  maxDelayMs?: number;
  /** Which failures are worth another attempt. Default: the error's class says it is retryable. */
  retryOn?: (err: Error) => boolean;
  /** No attempt starts after this time (ms since the epoch): the last failure is thrown. */
  deadline?: number;
}

/**
 * Baton's one retry policy (cockatiel): retries `op` on failures `retryOn` accepts (by default
 * the typed errors' own `retryable`), with jittered exponential backoff, a bound on attempts and
 * an optional deadline. A failure that is not retried, or the last one, is thrown as it is.
 */
export function withRetry<T>(
  op: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const accepts = options.retryOn ?? isRetryable;
  const { deadline } = options;
  const policy = retry(
    handleWhen((err) => accepts(err) && (deadline === undefined || Date.now() < deadline)),
    {
      maxAttempts: options.retries,
      backoff: new ExponentialBackoff({
        initialDelay: options.initialDelayMs ?? 50,
        maxDelay: options.maxDelayMs ?? 1_000,
      }),
    },
  );
  return policy.execute(({ attempt }) => op(attempt + 1));
}

/**
 * The delay before durable attempt `attempt` (1 = the first retry) of work whose retries
 * outlive a process (the alert outbox keeps the due time in MySQL, so cockatiel's in-memory
 * policy cannot carry it): exponential from `initialDelayMs`, capped at `maxDelayMs`, with
 * "equal jitter" — between half and all of that — so that receivers coming back are not hit by
 * every sender at once, while the delay still grows.
 */
export function durableBackoffMs(
  attempt: number,
  options: { initialDelayMs: number; maxDelayMs: number },
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
