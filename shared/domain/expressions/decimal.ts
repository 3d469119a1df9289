/**
 * Decimal numbers in conditions: number literals and param values that look like numbers. They
 * are compared exactly, digit by digit, never through `Number`: a double would call
 * `12345678901234567890` equal to `12345678901234567891`, and turn a 400-digit value into
 * `Infinity`. Row counts and ids are exactly the values a SWITCH tends to compare.
 */

/**
 * What counts as a number: an optional `-`, digits, and optionally `.` and more digits. No `+`,
 * exponent, hex, `Infinity` or `NaN`, and no empty string — so `Number`'s surprises
 * (`Number('') === 0`, `Number('0x10') === 16`) cannot leak in.
 */
export const DECIMAL_PATTERN = /^-?[0-9]+(?:\.[0-9]+)?$/;

interface Parts {
  negative: boolean;
  /** Integer digits without leading zeros (`''` for zero). */
  whole: string;
  /** Fraction digits without trailing zeros (`''` for none). */
  fraction: string;
}

function split(text: string): Parts {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  return {
    negative,
    whole: whole.replace(/^0+/, ''),
    fraction: fraction.replace(/0+$/, ''),
  };
}

function compareMagnitudes(a: Parts, b: Parts): -1 | 0 | 1 {
  if (a.whole.length !== b.whole.length) return a.whole.length < b.whole.length ? -1 : 1;
  if (a.whole !== b.whole) return a.whole < b.whole ? -1 : 1;
  // Without trailing zeros, fraction digit strings order like the fractions they write:
  // '5' (0.5) < '51' (0.51) < '6' (0.6).
  if (a.fraction !== b.fraction) return a.fraction < b.fraction ? -1 : 1;
  return 0;
}

/**
 * Compares two decimals (each matching {@link DECIMAL_PATTERN}) by value: `-1` when `a < b`, `0`
 * when equal (`1.50` and `1.5`, `-0` and `0`), `1` when `a > b`.
 */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const pa = split(a);
  const pb = split(b);
  const zeroA = pa.whole === '' && pa.fraction === '';
  const zeroB = pb.whole === '' && pb.fraction === '';
  // Zero has no sign: `-0` is neither below nor above `0`.
  const signA = zeroA ? 0 : pa.negative ? -1 : 1;
  const signB = zeroB ? 0 : pb.negative ? -1 : 1;
  if (signA !== signB) return signA < signB ? -1 : 1;
  // Both negative: the larger magnitude is the smaller number.
  return signA < 0 ? compareMagnitudes(pb, pa) : compareMagnitudes(pa, pb);
}
