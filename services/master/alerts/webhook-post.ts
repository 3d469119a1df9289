import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  checkWebhookUrl,
  guardedLookup,
  type TargetPolicy,
} from '../../../shared/alerts/target-policy.js';

/** What came back: the HTTP status (any; the caller decides what counts). */
export interface WebhookAnswer {
  status: number;
}

/**
 * POSTs `body` to `url` under the target policy: the URL is checked again (the policy may be
 * stricter than when the channel was made), the connection goes only to addresses the policy
 * allows (checked at DNS time, see guardedLookup), redirects are not followed (a 3xx is an
 * answer, not a delivery), and the whole exchange must end within `timeoutMs`. The answer's
 * body is read and dropped.
 * @throws Error on a refused target, a network failure or the timeout.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  policy: TargetPolicy,
  timeoutMs: number,
): Promise<WebhookAnswer> {
  const target = checkWebhookUrl(url, policy);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookAnswer>((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(policy),
        signal: AbortSignal.timeout(timeoutMs),
        agent: false,
      },
      (res) => {
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.resume();
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
