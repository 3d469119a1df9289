import { describe, expect, it } from 'vitest';
import { MAX_SETTING_BYTES } from './output-collector.js';
import { SetValueScanner } from './set-value-scanner.js';

type Match = [text: string, truncated: boolean];

/** What the scanner finds in `chunks`, pushed one by one. */
function scan(chunks: (string | Buffer)[]): Match[] {
  const found: Match[] = [];
  const scanner = new SetValueScanner((text, truncated) => found.push([text, truncated]));
  for (const chunk of chunks) scanner.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return found;
}

/** `text` cut into chunks at each of `cuts` (byte offsets). */
function cut(text: string | Buffer, cuts: number[]): Buffer[] {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const at = [0, ...cuts, bytes.length];
  return at.slice(1).map((end, i) => bytes.subarray(at[i], end));
}

/** DolphinScheduler's rule, applied per line as its log reader does: the reference. */
function reference(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .flatMap((line) => [...line.matchAll(/\$\{setValue\((.*?)\)\}/g)].map((m) => m[1]!));
}

/** A small deterministic generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('SetValueScanner', () => {
  it('finds the setting in a line with text around it', () => {
    expect(scan(["echo '${setValue(rows=42)}' done\n"])).toEqual([['rows=42', false]]);
  });

  it('finds several on one line, and on consecutive lines', () => {
    const text = '${setValue(a=1)}${setValue(b=2)} and ${setValue(c=3)}\nx ${setValue(d=4)}\n';
    expect(scan([text]).map(([t]) => t)).toEqual(['a=1', 'b=2', 'c=3', 'd=4']);
  });

  it('finds the same wherever the output is split, down to single bytes', () => {
    const text = 'pre ${setValue(a=1)} mid $${setValue(b=x=y)}) ${setValue(c=(1))}\n';
    const expected = [
      ['a=1', false],
      ['b=x=y', false],
      ['c=(1)', false],
    ];
    const bytes = Buffer.from(text);
    for (let i = 0; i <= bytes.length; i += 1) expect(scan(cut(bytes, [i]))).toEqual(expected);
    expect(scan([...bytes].map((b) => Buffer.of(b)))).toEqual(expected);
  });

  it('ends a setting at the first `)}`, as the lazy regex does', () => {
    expect(scan(['${setValue(a=f(x)}y)}\n']).map(([t]) => t)).toEqual(['a=f(x']);
    expect(scan(['${setValue(a=))}\n']).map(([t]) => t)).toEqual(['a=)']);
  });

  it('never spans a line end, LF or CR, and takes CRLF lines', () => {
    expect(scan(['${setValue(a=1\n)}\n', '${setValue(b=2)}\n'])).toEqual([['b=2', false]]);
    expect(scan(['${setValue(a=1)\r\n}'])).toEqual([]);
    expect(scan(['${setValue(a=1)}\r\n${setValue(b=2)}\r\n']).map(([t]) => t)).toEqual([
      'a=1',
      'b=2',
    ]);
  });

  it('ignores a setting the output never closes', () => {
    expect(scan(['${setValue(a=1)', ' still open'])).toEqual([]);
    expect(scan(['${setValu', 'e(a=1', ')', '}'])).toEqual([['a=1', false]]);
    expect(scan(['${setValu${setValue(a=1)}'])).toEqual([['a=1', false]]);
  });

  it('decodes UTF-8 split anywhere between chunks', () => {
    const bytes = Buffer.from('${setValue(city=Zürich €)}\n');
    for (let i = 0; i <= bytes.length; i += 1) {
      expect(scan(cut(bytes, [i]))).toEqual([['city=Zürich €', false]]);
    }
  });

  it('keeps only the first bytes of an overlong setting and says so, then goes on', () => {
    const long = 'v=' + 'x'.repeat(MAX_SETTING_BYTES + 10_000);
    const found = scan([...cut(`\${setValue(${long})}\n\${setValue(b=2)}\n`, [5, 40_000])]);
    expect(found).toHaveLength(2);
    expect(found[0]![0]).toBe(long.slice(0, MAX_SETTING_BYTES));
    expect(found[0]![1]).toBe(true);
    expect(found[1]).toEqual(['b=2', false]);
  });

  it('agrees with the per-line regex on random output cut at random places', () => {
    const tokens = ['${setValue(', ')}', ')', '}', '$', '${', 'a=1', 'b=', '=', '\n', '\r', 'x'];
    const next = random(20260501);
    for (let round = 0; round < 500; round += 1) {
      const length = 1 + Math.floor(next() * 30);
      const text = Array.from({ length }, () => tokens[Math.floor(next() * tokens.length)]!).join(
        '',
      );
      const cuts = Array.from({ length: 3 }, () => Math.floor(next() * (text.length + 1))).sort(
        (x, y) => x - y,
      );
      expect(
        scan(cut(text, cuts)).map(([t]) => t),
        JSON.stringify(text),
      ).toEqual(reference(text));
    }
  });
});
