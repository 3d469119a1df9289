import { ExponentialBackoff, handleWhen, noop, retry, type IBackoff } from 'cockatiel';
import { Etcd3, isRecoverableError } from 'etcd3';

/**
 * An etcd client tuned for a scheduler: short per-call deadlines, two quick retries of calls
 * that failed before reaching etcd, and no circuit breaker (with one endpoint the breaker would
 * make etcd look down for 5 s after a blip). Watches reconnect within a second.
 */
export function connectEtcd(endpoints: string[]): Etcd3 {
  return new Etcd3({
    hosts: endpoints.map((e) => (e.startsWith('http') ? e : `http://${e}`)),
    dialTimeout: 5_000,
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + 5_000 }),
    faultHandling: {
      host: () => noop,
      global: retry(handleWhen(isRecoverableError), {
        maxAttempts: 2,
        backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }),
      }),
      // etcd3 calls `.next()` on this itself (watch.js), so it wants the factory, whatever its
      // typings (written against an older cockatiel) say.
      watchBackoff: new ExponentialBackoff({
        initialDelay: 100,
        maxDelay: 1_000,
      }) as unknown as IBackoff<unknown>,
    },
  });
}
