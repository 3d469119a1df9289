import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature.js';

describe('webhook signatures', () => {
  const secret = 'a-secret-of-enough-length';
  const body = '{"id":"e1","event":"FAILURE"}';

  it('is sha256= and the hex HMAC-SHA256 of the raw body (the documented scheme)', () => {
    const hex = createHmac('sha256', secret).update(body).digest('hex');
    expect(signWebhookBody(secret, body)).toBe(`sha256=${hex}`);
    // A published vector, so a receiver in another language can check its own code.
    expect(signWebhookBody('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it('verifies its own signature, over bytes or text alike', () => {
    const header = signWebhookBody(Buffer.from(secret), Buffer.from(body));
    expect(verifyWebhookSignature(secret, body, header)).toBe(true);
  });

  it('refuses another body, another secret, a truncated or missing header', () => {
    const header = signWebhookBody(secret, body);
    expect(verifyWebhookSignature(secret, `${body} `, header)).toBe(false);
    expect(verifyWebhookSignature('another-secret-value', body, header)).toBe(false);
    expect(verifyWebhookSignature(secret, body, header.slice(0, -1))).toBe(false);
    expect(verifyWebhookSignature(secret, body, undefined)).toBe(false);
  });
});
