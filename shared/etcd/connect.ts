import { ExponentialBackoff, handleWhen, noop, retry, type IBackoff } from 'cockatiel';
import { Etcd3, isRecoverableError, type IOptions } from 'etcd3';
import type { EtcdClientSettings } from '../config/etcd-client-settings.js';

/**
 * An etcd client tuned for a scheduler: short per-call deadlines, two quick retries of calls
 * that failed before reaching etcd, and no circuit breaker (with one endpoint the breaker would
 * make etcd look down for 5 s after a blip). Watches reconnect within a second.
 *
 * `target` is either bare endpoints (plaintext, as tests and the local cluster use) or the
 * service settings from `etcdClientSettings` (shared/config/etcd-client-settings.ts), with
 * password auth and client TLS. With auth, etcd3 fetches a token once and renews it only when
 * a unary call is refused for it; streams (watches, keep-alives) reuse the cached token, so
 * after etcd restarts they recover once the next unary call (members, leases, txns: every few
 * seconds here) has refreshed it. Client certificates have no such gap.
 */
export function connectEtcd(target: string[] | EtcdClientSettings): Etcd3 {
  const settings = Array.isArray(target) ? { endpoints: target } : target;
  const security: Pick<IOptions, 'auth' | 'credentials'> = {};
  if ('auth' in settings && settings.auth !== undefined) security.auth = settings.auth;
  if ('credentials' in settings && settings.credentials !== undefined) {
    security.credentials = settings.credentials;
  }
  return new Etcd3({
    ...security,
    hosts: settings.endpoints.map((e) => (/^https?:\/\//.test(e) ? e : `http://${e}`)),
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
