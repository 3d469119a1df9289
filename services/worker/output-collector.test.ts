import { describe, expect, it } from 'vitest';
import {
  MAX_OUTPUT_VALUE_BYTES,
  MAX_OUTPUTS,
  MAX_OUTPUTS_TOTAL_BYTES,
  OutputCollector,
  type CollectedOutputs,
} from './output-collector.js';
import { SetValueScanner } from './set-value-scanner.js';

/** The outputs of a task declaring `declared` whose stdout came in `chunks`. */
function fromStdout(declared: string[], chunks: string[]): CollectedOutputs {
  const collector = new OutputCollector(declared);
  const scanner = new SetValueScanner((text, truncated) => collector.offer(text, truncated));
  for (const chunk of chunks) scanner.push(Buffer.from(chunk));
  return collector.finish();
}

/** The outputs from settings offered in order (none truncated). */
function fromSettings(declared: string[], settings: string[]): CollectedOutputs {
  const collector = new OutputCollector(declared);
  for (const setting of settings) collector.offer(setting, false);
  return collector.finish();
}

describe('OutputCollector', () => {
  it('keeps declared names from stdout split across chunks, each undeclared one noted once', () => {
    const result = fromStdout(
      ['rows', 'file'],
      [
        'echo ${setVal',
        'ue(rows=42)}\n${setValue(x=1)}${setValue(file=/tmp/a',
        '.csv)}\n',
        '${setValue(x=2)}\n',
      ],
    );
    expect(result).toEqual({
      outputs: { rows: '42', file: '/tmp/a.csv' },
      notes: ['baton: output "x" is not declared in outputs; ignored'],
    });
  });

  it('splits at the first `=` and trims name and value; the last setting of a name wins', () => {
    const result = fromStdout(
      ['url', 'rows', 'empty'],
      [
        '${setValue( url = http://h/?a=1&b=2 )}\r\n',
        '${setValue(rows=1)} ${setValue(rows=2)}\r\n',
        '${setValue(empty=)}\r\n',
      ],
    );
    expect(result.outputs).toEqual({ url: 'http://h/?a=1&b=2', rows: '2', empty: '' });
    expect(result.notes).toEqual([]);
  });

  it('ignores a setting without a name, with a note', () => {
    expect(fromSettings(['a'], ['a', '=1', ' = 2'])).toEqual({
      outputs: {},
      notes: [
        'baton: output setting "a" is not name=value; ignored',
        'baton: output setting "=1" is not name=value; ignored',
        'baton: output setting " = 2" is not name=value; ignored',
      ],
    });
  });

  it('keeps a value of 64 KiB, drops a larger one and keeps the earlier value', () => {
    const fits = 'é'.repeat(MAX_OUTPUT_VALUE_BYTES / 2); // two bytes each
    const result = fromSettings(['a', 'b'], [`a=${fits}`, 'b=small', `b=${fits}x`]);
    expect(result.outputs).toEqual({ a: fits, b: 'small' });
    expect(result.notes).toEqual([
      `baton: output "b" is larger than ${MAX_OUTPUT_VALUE_BYTES} bytes; dropped`,
    ]);
  });

  it('drops a setting its reader had to cut', () => {
    const collector = new OutputCollector(['a']);
    collector.offer('a=short only because it was cut', true);
    expect(collector.finish()).toEqual({
      outputs: {},
      notes: [`baton: output "a" is larger than ${MAX_OUTPUT_VALUE_BYTES} bytes; dropped`],
    });
  });

  it(`keeps at most ${MAX_OUTPUTS} names, the first set`, () => {
    const names = Array.from({ length: MAX_OUTPUTS + 3 }, (_, i) => `o${i}`);
    const result = fromSettings(names, [...names.map((n) => `${n}=1`), 'o0=again']);
    expect(Object.keys(result.outputs)).toEqual(names.slice(0, MAX_OUTPUTS));
    expect(result.outputs.o0).toBe('again');
    expect(result.notes).toEqual(
      names
        .slice(MAX_OUTPUTS)
        .map((n) => `baton: output "${n}" dropped: at most 100 outputs are kept`),
    );
  });

  it('keeps outputs in the order first set until the total would pass 256 KiB', () => {
    const big = 'x'.repeat(60 * 1024);
    const names = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5'];
    // v0..v3 take 4 × (2 + 61440) bytes; v4 would pass the total; v5, small, comes after it.
    const result = fromSettings(names, [...names.slice(0, 5).map((n) => `${n}=${big}`), 'v5=1']);
    expect(Object.keys(result.outputs)).toEqual(['v0', 'v1', 'v2', 'v3']);
    expect(result.notes).toEqual([
      `baton: output "v4" dropped: outputs total more than ${MAX_OUTPUTS_TOTAL_BYTES} bytes`,
      `baton: output "v5" dropped: outputs total more than ${MAX_OUTPUTS_TOTAL_BYTES} bytes`,
    ]);
  });

  it('writes at most 100 notes and sums up the rest', () => {
    const settings = Array.from({ length: 150 }, (_, i) => `u${i}=1`);
    // The names noted once are not noted again; past the bound, settings are only counted.
    const { notes } = fromSettings([], [...settings, ...settings.slice(0, 100)]);
    expect(notes).toHaveLength(101);
    expect(notes[99]).toBe('baton: output "u99" is not declared in outputs; ignored');
    expect(notes[100]).toBe('baton: 50 more notes about outputs left out');
  });

  it('quotes names in notes, cut and escaped', () => {
    const { notes } = fromSettings([], [`${'n'.repeat(200)}=1`, 'a"\u001b=1']);
    expect(notes).toEqual([
      `baton: output "${'n'.repeat(128)}…" is not declared in outputs; ignored`,
      'baton: output "a\\"\\u001b" is not declared in outputs; ignored',
    ]);
  });

  it('keeps a name like __proto__ as a plain key', () => {
    const { outputs } = fromSettings(['__proto__'], ['__proto__=1']);
    expect(Object.getPrototypeOf(outputs)).toBe(Object.prototype);
    expect(Object.entries(outputs)).toEqual([['__proto__', '1']]);
  });
});
