import {
  lookup as dnsLookup,
  type LookupAddress,
  type LookupAllOptions,
  type LookupOptions,
} from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { InvalidArgumentError } from '../errors.js';

/**
 * Where webhooks may go (the SSRF stance, README "Alerts"). An admin names the URL, but the
 * masters make the request from inside the cluster, so without a rule a channel could reach
 * the cloud metadata service, etcd or MySQL.
 *
 * - `ALERT_ALLOWED_HOSTS` empty (the default): any host name, but every address it resolves to
 *   must be public — loopback, private, link-local (169.254.169.254), carrier-grade NAT,
 *   unique-local, unspecified and multicast addresses are refused, at create time for literal
 *   addresses and `localhost`, and at every send for what DNS answers (so DNS rebinding gains
 *   nothing: the connection goes to the address that was checked).
 * - `ALERT_ALLOWED_HOSTS=hooks.example.com,*.corp.example,10.1.2.3`: only those hosts (exact,
 *   case-insensitive; `*.` matches any subdomain), whatever they resolve to — the operator has
 *   said which internal receivers are meant.
 */
export interface TargetPolicy {
  /** Lowercase host patterns; empty: any public host. */
  readonly allowedHosts: readonly string[];
}

/** The `ALERT_ALLOWED_HOSTS` setting of the api and the masters (comma-separated). */
export const alertTargetEnv = {
  ALERT_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h !== ''),
    ),
};

const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NON_PUBLIC.addSubnet(net, prefix, 'ipv6');

/** Whether `address` (a literal IPv4 or IPv6 address) is on the public internet. */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return isPublicAddress(mapped);
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function hostAllowed(host: string, policy: TargetPolicy): boolean {
  return policy.allowedHosts.some((pattern) =>
    pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern,
  );
}

/**
 * Checks a webhook URL against the policy as far as can be told without DNS: http(s) only, no
 * credentials in it, a host the allow-list names, or (no allow-list) not a non-public literal
 * address nor `localhost`. Returns the parsed URL.
 * @throws InvalidArgumentError naming `field`.
 */
export function checkWebhookUrl(text: string, policy: TargetPolicy, field = 'webhook'): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError(field, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError(field, `must be http or https, not ${url.protocol}`);
  if (url.username !== '' || url.password !== '')
    throw new InvalidArgumentError(field, 'must not carry credentials (the secret signs bodies)');
  if (text.length > 2048) throw new InvalidArgumentError(field, 'must be at most 2048 characters');
  const host = hostOf(url);
  if (policy.allowedHosts.length > 0) {
    if (!hostAllowed(host, policy))
      throw new InvalidArgumentError(field, `host ${host} is not in ALERT_ALLOWED_HOSTS`);
    return url;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && !isPublicAddress(host)))
    throw new InvalidArgumentError(
      field,
      `host ${host} is not a public address (name it in ALERT_ALLOWED_HOSTS to allow it)`,
    );
  return url;
}

/** The URL's host, lowercase, without the brackets of an IPv6 literal. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for node:http(s) requests to `host` under the policy: without an allow-list, every
 * address DNS answers must be public, else the request fails before connecting.
 */
export function guardedLookup(policy: TargetPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const all: LookupAllOptions = { family: family ?? 0, all: true };
    dnsLookup(hostname, all, (err, addresses) => {
      if (err !== null) return callback(err, []);
      const refused =
        policy.allowedHosts.length === 0 && addresses.find((a) => !isPublicAddress(a.address));
      if (refused) {
        const denied: NodeJS.ErrnoException = new Error(
          `${hostname} resolves to ${refused.address}, not a public address (ALERT_ALLOWED_HOSTS)`,
        );
        denied.code = 'EALERTTARGET';
        return callback(denied, []);
      }
      const first = addresses[0];
      if (options.all === true) return callback(null, addresses);
      if (first === undefined) return callback(new Error(`${hostname} has no address`), []);
      callback(null, first.address, first.family);
    });
  };
}
