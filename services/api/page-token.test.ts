import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../shared/errors.js';
import { decodePageToken, encodePageToken, pageSizeOf } from './page-token.js';

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidArgumentError) return err.field;
    throw err;
  }
  throw new Error('did not throw');
}

describe('page tokens', () => {
  const filters = { workflow: 'etl', label_selector: 'team=growth' };

  it('continue after the position they were issued at, with the same filters in any order', () => {
    const token = encodePageToken('42', filters);
    expect(decodePageToken(token, { label_selector: 'team=growth', workflow: 'etl' })).toBe('42');
    expect(decodePageToken('', filters)).toBeUndefined();
  });

  it('are refused with other filters, or when they are not tokens', () => {
    const token = encodePageToken('42', filters);
    expect(fieldOf(() => decodePageToken(token, { ...filters, workflow: 'other' }))).toBe(
      'page_token',
    );
    expect(fieldOf(() => decodePageToken('garbage!', filters))).toBe('page_token');
    const forged = Buffer.from(JSON.stringify({ a: 1 })).toString('base64url');
    expect(fieldOf(() => decodePageToken(forged, filters))).toBe('page_token');
  });

  it('take page_size, else the old limit, else the default; at most 1000', () => {
    expect(pageSizeOf(0, 0, 100)).toBe(100);
    expect(pageSizeOf(0, 7, 100)).toBe(7);
    expect(pageSizeOf(20, 7, 100)).toBe(20);
    expect(fieldOf(() => pageSizeOf(1001, 0, 100))).toBe('page_size');
    expect(fieldOf(() => pageSizeOf(0, -1, 100))).toBe('limit');
  });
});
