import { describe, expect, it } from 'vitest';

import { compareDecimals, DECIMAL_PATTERN } from './decimal.js';

describe('DECIMAL_PATTERN', () => {
  it.each(['0', '42', '-7', '3.5', '-0.25', '007', '1.50', '-0', '9'.repeat(400)])(
    'accepts %s',
    (text) => {
      expect(DECIMAL_PATTERN.test(text)).toBe(true);
    },
  );

  it.each(['', '-', '+1', '1.', '.5', '1e3', '0x10', 'Infinity', 'NaN', ' 1', '1,5', '--1', '١'])(
    'rejects %j',
    (text) => {
      expect(DECIMAL_PATTERN.test(text)).toBe(false);
    },
  );
});

describe('compareDecimals', () => {
  it.each([
    ['1', '2', -1],
    ['2', '1', 1],
    ['42', '42', 0],
    ['1.5', '1.50', 0],
    ['007', '7', 0],
    ['0', '-0', 0],
    ['0.0', '-0.000', 0],
    ['-1', '1', -1],
    ['-1', '0', -1],
    ['0', '0.001', -1],
    ['-2', '-1', -1],
    ['-1.5', '-1.25', -1],
    ['0.5', '0.51', -1],
    ['0.6', '0.51', 1],
    ['10', '9.99', 1],
    ['1000', '999', 1],
    ['1001', '1000', 1],
    // Beyond double precision and range: still exact.
    ['12345678901234567890', '12345678901234567891', -1],
    ['9007199254740993', '9007199254740992', 1],
    ['1' + '0'.repeat(400), '9'.repeat(400), 1],
    ['0.1000000000000000000001', '0.1', 1],
  ] as const)('compares %s with %s as %d', (a, b, expected) => {
    expect(compareDecimals(a, b)).toBe(expected);
    expect(compareDecimals(b, a)).toBe(-expected || 0);
  });
});
