/**
 * Durations as users write them (`90s`, `1h30m`, `250ms`) and as Baton stores them
 * (milliseconds). The grammar is deliberately small: one or more `<digits><unit>` parts with the
 * units `d`, `h`, `m`, `s`, `ms`, each unit at most once and largest first, no sign, no spaces,
 * no fractions. A bare number is rejected because nobody can tell whether `10` meant seconds or
 * milliseconds.
 */
import { InternalError, InvalidArgumentError } from '../errors.js';

/** The longest duration Baton accepts anywhere: 30 days. */
export const MAX_DURATION_MS = 30 * 24 * 60 * 60 * 1000;

/** Units from largest to smallest; `formatDuration` emits them in this order. */
const UNITS = [
  ['d', 24 * 60 * 60 * 1000],
  ['h', 60 * 60 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
] as const;

const UNIT_MS = new Map<string, number>(UNITS);
const UNIT_RANK = new Map<string, number>(UNITS.map(([unit], rank) => [unit, rank]));

/** `ms` must come before `m` and `s` in the alternation so `250ms` is not read as `250m` + `s`. */
const PART = /(\d+)(ms|d|h|m|s)/y;
const EXAMPLE = 'e.g. 30s, 1h30m, 250ms';

/**
 * Parses a duration such as `1h30m` into milliseconds.
 *
 * Accepts values from 0 to {@link MAX_DURATION_MS} inclusive; callers that need a positive
 * duration (timeouts) check that themselves.
 *
 * @param field the path reported in the error, e.g. `tasks[0].timeout`
 * @throws InvalidArgumentError(field, …) when the text is not a duration or is over 30 days
 */
export function parseDuration(text: string, field: string): number {
  if (text === '') {
    throw new InvalidArgumentError(field, `empty duration; expected ${EXAMPLE}`);
  }
  if (/^\d+$/.test(text)) {
    throw new InvalidArgumentError(
      field,
      `"${text}" has no unit; add one, e.g. ${text}s or ${text}ms`,
    );
  }
  let total = 0;
  let lastRank = -1;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const match = PART.exec(text);
    if (match === null) {
      throw new InvalidArgumentError(
        field,
        `invalid duration "${text}" at position ${start + 1}; expected ${EXAMPLE}`,
      );
    }
    const [, digits = '', unit = ''] = match;
    const rank = UNIT_RANK.get(unit) ?? 0;
    if (rank <= lastRank) {
      throw new InvalidArgumentError(
        field,
        `invalid duration "${text}": units must be largest first and each used once (d, h, m, s, ms)`,
      );
    }
    lastRank = rank;
    total += Number(digits) * (UNIT_MS.get(unit) ?? 0);
  }
  if (total > MAX_DURATION_MS) {
    throw new InvalidArgumentError(field, `duration "${text}" is longer than 30 days`);
  }
  return total;
}

/**
 * Formats milliseconds canonically: largest units first, zero parts omitted (`90000` → `1m30s`,
 * `250` → `250ms`, `0` → `0s`). For every value `parseDuration` accepts,
 * `parseDuration(formatDuration(ms)) === ms`.
 *
 * @throws InternalError when `ms` is negative or not an integer (a bug in the caller)
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new InternalError(`formatDuration: expected a non-negative integer, got ${ms}`);
  }
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}
