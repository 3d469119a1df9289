import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import {
  checkWebhookUrl,
  guardedLookup,
  isPublicAddress,
  type TargetPolicy,
} from './target-policy.js';

const open: TargetPolicy = { allowedHosts: [] };
const listed: TargetPolicy = { allowedHosts: ['hooks.example.com', '*.corp.example', '127.0.0.1'] };

function refusal(url: string, policy: TargetPolicy): InvalidArgumentError {
  try {
    checkWebhookUrl(url, policy);
  } catch (err) {
    if (err instanceof InvalidArgumentError) return err;
    throw err;
  }
  throw new Error(`${url} was accepted`);
}

describe('alert target policy', () => {
  it('tells public from non-public addresses, IPv4-mapped ones included', () => {
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'])
      expect(isPublicAddress(a)).toBe(true);
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      'not-an-address',
    ])
      expect(isPublicAddress(a), a).toBe(false);
  });

  it('accepts http(s) to a public host without an allow-list', () => {
    expect(checkWebhookUrl('https://hooks.example.com/x?y=1', open).hostname).toBe(
      'hooks.example.com',
    );
    expect(checkWebhookUrl('http://8.8.8.8:8080/', open).port).toBe('8080');
  });

  it('refuses other schemes, credentials, garbage, naming the field', () => {
    for (const url of [
      'ftp://example.com/',
      'file:///etc/passwd',
      'not a url',
      'https://u:p@example.com/',
    ]) {
      const err = refusal(url, open);
      expect(err.field).toBe('webhook');
    }
  });

  it('refuses loopback, private and metadata addresses without an allow-list', () => {
    for (const url of [
      'http://127.0.0.1:2379/',
      'http://localhost/',
      'http://api.localhost/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5/',
      'http://[::1]/',
    ])
      expect(refusal(url, open).message).toMatch(/not a public address/);
  });

  it('with an allow-list takes exactly the hosts it names (and their subdomains with *.)', () => {
    expect(checkWebhookUrl('http://127.0.0.1:9/hook', listed).hostname).toBe('127.0.0.1');
    expect(checkWebhookUrl('https://a.corp.example/', listed).hostname).toBe('a.corp.example');
    expect(checkWebhookUrl('https://HOOKS.example.com/', listed).hostname).toBe(
      'hooks.example.com',
    );
    for (const url of ['https://example.com/', 'https://corp.example.evil/', 'http://10.0.0.5/'])
      expect(refusal(url, listed).message).toMatch(/not in ALERT_ALLOWED_HOSTS/);
  });

  it('refuses at connect time a name that resolves to a non-public address', async () => {
    const lookup = guardedLookup(open);
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      lookup('localhost', {}, (e) => resolve(e)),
    );
    expect(err?.code).toBe('EALERTTARGET');
    const allowed = await new Promise<string | undefined>((resolve) =>
      guardedLookup({ allowedHosts: ['localhost'] })('localhost', {}, (e, address) =>
        resolve(e === null && typeof address === 'string' ? address : undefined),
      ),
    );
    expect(allowed).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});
