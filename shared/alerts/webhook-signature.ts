import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying a body's signature: `sha256=<hex HMAC-SHA256(secret, raw body)>`. */
export const SIGNATURE_HEADER = 'X-Baton-Signature';

/**
 * Signs a webhook body as Baton sends it: the lowercase hex HMAC-SHA256 of the exact body
 * bytes under the channel's secret, prefixed `sha256=` (the GitHub webhook scheme). Every
 * retry of one event sends the same body, hence the same signature.
 */
export function signWebhookBody(secret: Uint8Array | string, body: Uint8Array | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * What a receiver does with a request: true iff `header` is the signature of `body` under
 * `secret`. Compares in constant time, so the comparison leaks nothing about the right value.
 */
export function verifyWebhookSignature(
  secret: Uint8Array | string,
  body: Uint8Array | string,
  header: string | undefined,
): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(signWebhookBody(secret, body));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
