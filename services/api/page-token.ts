import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../../shared/errors.js';
import { canonicalJson } from './requests/request-key.js';

/**
 * Opaque page tokens for keyset paging: the position after which the next page starts (the
 * last id or name of the page) and a hash of the filters the page was listed with, so a token
 * used with other filters is refused instead of silently listing something else. Not a secret
 * and not signed: a forged position only lists what the caller could list anyway.
 */
interface TokenBody {
  /** The last key of the previous page. */
  a: string;
  /** The filters' hash. */
  f: string;
}

function filtersHash(filters: object): string {
  return createHash('sha256').update(canonicalJson(filters)).digest('hex').slice(0, 16);
}

/** The token of the page after the one that ended at `after`, listed with `filters`. */
export function encodePageToken(after: string, filters: object): string {
  const body: TokenBody = { a: after, f: filtersHash(filters) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/**
 * The position a token continues after; undefined for an empty token (the first page).
 * @throws InvalidArgumentError('page_token') when it is not a token, or was issued for other
 *   filters.
 */
export function decodePageToken(token: string, filters: object): string | undefined {
  if (token === '') return undefined;
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    throw new InvalidArgumentError('page_token', 'not a page token of this listing');
  }
  if (typeof body.a !== 'string' || typeof body.f !== 'string')
    throw new InvalidArgumentError('page_token', 'not a page token of this listing');
  if (body.f !== filtersHash(filters))
    throw new InvalidArgumentError(
      'page_token',
      'was issued for other filters; list with the same filters, or start from the first page',
    );
  return body.a;
}

/**
 * A page size: `pageSize`, else the old `limit` field, else `fallback`; at most 1000.
 * @throws InvalidArgumentError naming the field given
 */
export function pageSizeOf(pageSize: number, limit: number, fallback: number): number {
  const [field, value] = pageSize !== 0 ? ['page_size', pageSize] : ['limit', limit];
  if (value < 0 || value > 1000)
    throw new InvalidArgumentError(field, `must be between 0 and 1000; got ${value}`);
  return value === 0 ? fallback : value;
}
