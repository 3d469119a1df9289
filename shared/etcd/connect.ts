import { ExponentialBackoff, noop, type IBackoff } from 'cockatiel';
import { Etcd3, type IOptions } from 'etcd3';
import type { EtcdClientSettings } from '../config/etcd-client-settings.js';
import { etcdFaultPolicy } from './etcd-faults.js';

export interface ConnectOptions {
  /** Deadline of each unary call attempt. Default 5 s. */
  callDeadlineMs?: number;
  /**
   * Open a TCP/HTTP-2 connection of its own instead of sharing one. grpc-js pools subchannels
   * process-wide by target and options, so two clients to the same etcd would otherwise share
   * one connection, and the lease client's keep-alives would queue behind the main client's
   * bulk reads (HTTP/2 head-of-line blocking and flow-control windows are per connection).
   */
  ownConnection?: boolean;
}

/**
 * An etcd client tuned for a scheduler: short per-call deadlines, quick retries of calls that
 * failed before reaching etcd, backed-off retries when etcd says it is overloaded
 * (etcd-faults.ts), and no circuit breaker (with one endpoint the breaker would make etcd look
 * down for 5 s after a blip). Watches reconnect within a second. The one way Baton builds an
 * etcd client: ServiceRuntime builds two, the main one and the lease client.
 *
 * `target` is either bare endpoints (plaintext, as tests and the local cluster use) or the
 * service settings from `etcdClientSettings` (shared/config/etcd-client-settings.ts), with
 * password auth and client TLS. With auth, etcd3 fetches a token once and renews it only when
 * a unary call is refused for it; streams (watches, keep-alives) reuse the cached token, so
 * after etcd restarts they recover once the next unary call (members, leases, txns: every few
 * seconds here) has refreshed it. Client certificates have no such gap.
 */
export function connectEtcd(
  target: string[] | EtcdClientSettings,
  options: ConnectOptions = {},
): Etcd3 {
  const settings = Array.isArray(target) ? { endpoints: target } : target;
  const security: Pick<IOptions, 'auth' | 'credentials'> = {};
  if ('auth' in settings && settings.auth !== undefined) security.auth = settings.auth;
  if ('credentials' in settings && settings.credentials !== undefined) {
    security.credentials = settings.credentials;
  }
  const deadlineMs = options.callDeadlineMs ?? 5_000;
  return new Etcd3({
    ...security,
    hosts: settings.endpoints.map((e) => (/^https?:\/\//.test(e) ? e : `http://${e}`)),
    dialTimeout: 5_000,
    ...(options.ownConnection === true
      ? { grpcOptions: { 'grpc.use_local_subchannel_pool': 1 } }
      : {}),
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + deadlineMs }),
    faultHandling: {
      host: () => noop,
      global: etcdFaultPolicy(),
      // etcd3 calls `.next()` on this itself (watch.js), so it wants the factory, whatever its
      // typings (written against an older cockatiel) say.
      watchBackoff: new ExponentialBackoff({
        initialDelay: 100,
        maxDelay: 1_000,
      }) as unknown as IBackoff<unknown>,
    },
  });
}
