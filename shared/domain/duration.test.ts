import { describe, expect, it } from 'vitest';

import { InternalError, InvalidArgumentError } from '../errors.js';
import { formatDuration, MAX_DURATION_MS, parseDuration } from './duration.js';

function parseError(text: string): InvalidArgumentError {
  try {
    parseDuration(text, 'tasks[0].timeout');
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return err as InvalidArgumentError;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

describe('parseDuration', () => {
  it.each([
    ['0s', 0],
    ['0ms', 0],
    ['250ms', 250],
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['1h30m', 5_400_000],
    ['1m30ms', 60_030],
    ['2d3h4m5s6ms', 2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5_000 + 6],
    ['30d', MAX_DURATION_MS],
    ['007s', 7_000],
  ])('parses %s as %d ms', (text, ms) => {
    expect(parseDuration(text, 'f')).toBe(ms);
  });

  it.each(['', '5x', '-1s', '1.5h', '1h 30m', ' 1s', 's', 'ms', '1', '1s!', '1H'])(
    'rejects %j with the given field',
    (text) => {
      expect(parseError(text).field).toBe('tasks[0].timeout');
    },
  );

  it('tells the user to add a unit to a bare number', () => {
    expect(parseError('10').detail).toMatch(/no unit.*10s/);
  });

  it('rejects units out of order or repeated', () => {
    expect(parseError('30m1h').detail).toMatch(/largest first/);
    expect(parseError('1m1m').detail).toMatch(/largest first/);
    expect(parseError('1s1m').detail).toMatch(/largest first/);
  });

  it('rejects durations over 30 days, including absurdly long digit strings', () => {
    expect(parseError('30d1ms').detail).toMatch(/30 days/);
    expect(parseError('721h').detail).toMatch(/30 days/);
    expect(parseError(`${'9'.repeat(400)}ms`).detail).toMatch(/30 days/);
  });

  it('is not confused by a previous failed call (sticky regex state)', () => {
    parseError('1h!');
    expect(parseDuration('5s', 'f')).toBe(5_000);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [250, '250ms'],
    [1_000, '1s'],
    [90_000, '1m30s'],
    [5_400_000, '1h30m'],
    [86_400_001, '1d1ms'],
    [MAX_DURATION_MS, '30d'],
  ])('formats %d as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('rejects negative and fractional values', () => {
    expect(() => formatDuration(-1)).toThrow(InternalError);
    expect(() => formatDuration(1.5)).toThrow(InternalError);
    expect(() => formatDuration(Number.NaN)).toThrow(InternalError);
  });

  it('round-trips through parseDuration over a spread of values', () => {
    // Deterministic pseudo-random walk (LCG) plus the unit boundaries, so failures reproduce.
    const values = [0, 1, 999, 1_000, 59_999, 60_000, 3_599_999, 86_399_999, MAX_DURATION_MS];
    let seed = 12345;
    for (let i = 0; i < 2_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      values.push(Math.floor((seed / 2 ** 31) * MAX_DURATION_MS));
      values.push(seed % 100_000);
    }
    for (const ms of values) {
      const text = formatDuration(ms);
      expect(parseDuration(text, 'f'), text).toBe(ms);
      expect(formatDuration(parseDuration(text, 'f'))).toBe(text);
    }
  });
});
