import { CliError } from './cli-error.js';

/** Commander's accumulator for a repeatable option. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `-p KEY=VALUE` pairs as a params map. @throws CliError for a pair without `=` */
export function parseParams(pairs: string[]): Record<string, string> {
  return parsePairs(pairs, '--param');
}

/**
 * `KEY=VALUE` pairs of a repeatable `option` as a map (the api validates keys and values).
 * @throws CliError naming `option` for a pair without `=`
 */
export function parsePairs(pairs: string[], option: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`${option}: expected KEY=VALUE, got "${pair}"`);
    // defineProperty: a key such as __proto__ is a plain key here, not the prototype.
    Object.defineProperty(params, pair.slice(0, eq), {
      value: pair.slice(eq + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return params;
}
