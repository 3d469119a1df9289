/**
 * Lets `${...}` and `$[...]` stand unquoted anywhere in a definition's YAML, as users write them
 * in DolphinScheduler: `params: { table: sales_${region} }` is not valid YAML as it stands (in
 * a flow collection `{`, `}`, `[`, `]` and `,` end a plain scalar). Before parsing, each
 * placeholder is swapped for a token of private-use characters no YAML reads as syntax; after
 * parsing, every string gets its placeholders back, verbatim.
 */
const PLACEHOLDER = /\$\{[^{}\n]*\}|\$\[[^[\]\n]*\]/g;
const OPEN = '\uE000';
const CLOSE = '\uE001';
const TOKEN = /\uE000(\d+)\uE001/g;

export interface Shielded {
  text: string;
  /** `value` (parsed from `text`) with every token in its strings and keys put back. */
  restore(value: unknown): unknown;
}

export function shieldPlaceholders(text: string): Shielded {
  // Text that already holds the private-use characters is parsed as it is.
  if (text.includes(OPEN) || text.includes(CLOSE)) return { text, restore: (value) => value };
  const originals: string[] = [];
  const shielded = text.replace(PLACEHOLDER, (placeholder) => {
    originals.push(placeholder);
    return `${OPEN}${originals.length - 1}${CLOSE}`;
  });
  const unshield = (s: string): string =>
    s.replace(TOKEN, (token, index: string) => originals[Number(index)] ?? token);
  const restore = (value: unknown): unknown => {
    if (typeof value === 'string') return unshield(value);
    if (Array.isArray(value)) return value.map(restore);
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value))
        // defineProperty: a key such as `__proto__` stays a plain key (validation refuses it).
        Object.defineProperty(out, unshield(key), {
          value: restore(inner),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
    return value;
  };
  return { text: shielded, restore };
}
