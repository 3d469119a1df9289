import { ExponentialBackoff, handleWhen, retry, wrap, type IPolicy } from 'cockatiel';
import { GRPCResourceExhastedError, isRecoverableError } from 'etcd3';

const TOO_MANY_REQUESTS = 'etcdserver: too many requests';

/**
 * etcd refused the call because it is overloaded: `etcdserver: too many requests` (its applied
 * index lags the committed one by more than 5,000 entries) and its other RESOURCE_EXHAUSTED
 * answers. etcd3 maps gRPC code 8 to `GRPCResourceExhastedError` (sic), but etcd 3.4 sends
 * `too many requests` for a transaction with code UNKNOWN (seen against Debian's 3.4.23), so the
 * message decides too. The call was refused before it was proposed: repeating it is safe.
 */
export function isEtcdOverloaded(err: unknown): boolean {
  return (
    err instanceof GRPCResourceExhastedError ||
    (err instanceof Error && err.message.includes(TOO_MANY_REQUESTS))
  );
}

/** A failure etcd3 calls transient (unavailable, deadline, cancelled, …), or an overload. */
export function isEtcdRecoverable(err: unknown): boolean {
  return err instanceof Error && (isRecoverableError(err) || isEtcdOverloaded(err));
}

export interface EtcdFaultPolicyOptions {
  /** Retries after the first attempt when etcd is overloaded. Default 4. */
  overloadRetries?: number;
  /** First backoff after an overload; grows exponentially with decorrelated jitter. */
  overloadInitialDelayMs?: number;
  overloadMaxDelayMs?: number;
}

/**
 * The global fault policy of every etcd client (connectEtcd): two policies, wrapped.
 *
 * - An overload (`too many requests`) is answered at once, so one quick retry only adds to the
 *   storm that caused it: it is retried a few times with jittered exponential backoff (default
 *   200 ms doubling to 2 s: ~5 s in all), spreading the callers out so etcd can catch up.
 * - Any other recoverable failure (unavailable, a deadline) gets two quick retries, as before: a
 *   dropped connection is usually back at once.
 *
 * Each attempt has its own deadline (the client's defaultCallOptions is asked per attempt),
 * so a call's worst case stays bounded: attempts × deadline + the backoffs.
 */
export function etcdFaultPolicy(options: EtcdFaultPolicyOptions = {}): IPolicy {
  const overload = retry(handleWhen(isEtcdOverloaded), {
    maxAttempts: options.overloadRetries ?? 4,
    backoff: new ExponentialBackoff({
      initialDelay: options.overloadInitialDelayMs ?? 200,
      maxDelay: options.overloadMaxDelayMs ?? 2_000,
    }),
  });
  const transient = retry(
    handleWhen((err) => isEtcdRecoverable(err) && !isEtcdOverloaded(err)),
    { maxAttempts: 2, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }) },
  );
  return wrap(overload, transient);
}
