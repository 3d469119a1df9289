/**
 * The tokenizer for SWITCH conditions (grammar in parse-condition.ts). It is pulled one token at
 * a time by the parser, so the first error reported is always the leftmost one.
 */
import type { CompareOperator, LogicalOperator, StringPart } from './ast.js';
import { ExpressionSyntaxError } from './errors.js';

export type Operator = CompareOperator | LogicalOperator | '!' | '(' | ')';

export type Token = { readonly start: number; readonly end: number } & (
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly parts: readonly StringPart[] }
  | { readonly kind: 'param'; readonly name: string }
  /** A bare word: `true` and `false` are values, anything else is a mistake the parser names. */
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'operator'; readonly text: Operator }
  | { readonly kind: 'end' }
);

/** Longest first, so `<=` is not read as `<` followed by `=`. */
const OPERATORS: readonly Operator[] = [
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '<',
  '>',
  '!',
  '(',
  ')',
];

/** Halves of two-character operators that mean nothing alone. */
const HALF_OPERATORS = new Map<string, Operator>([
  ['=', '=='],
  ['&', '&&'],
  ['|', '||'],
]);

const NUMBER = /-?[0-9]+(?:\.[0-9]+)?/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const SPACE = /[ \t\r\n]*/y;
const PARAM_NAME = /[A-Za-z_][A-Za-z0-9_.]*/y;
const ESCAPABLE = new Set(['"', "'", '\\', '$']);

/** `at position N`, 1-based as editors count, for an offset into the source. */
export function at(offset: number): string {
  return `at position ${offset + 1}`;
}

export function syntaxError(message: string, offset: number): ExpressionSyntaxError {
  return new ExpressionSyntaxError(message, offset + 1);
}

export class Tokenizer {
  private offset = 0;

  constructor(private readonly source: string) {}

  /** The next token; `end` (repeatedly) once the source is used up. */
  next(): Token {
    SPACE.lastIndex = this.offset;
    SPACE.exec(this.source);
    const start = SPACE.lastIndex;
    const ch = this.source[start];
    if (ch === undefined) return this.emit({ kind: 'end', start, end: start });
    if (ch === '"' || ch === "'") return this.string(start, ch);
    if (ch === '$') {
      const { name, end } = this.placeholder(start);
      return this.emit({ kind: 'param', name, start, end });
    }
    const number = this.match(NUMBER, start);
    if (number !== undefined) {
      return this.emit({ kind: 'number', text: number, start, end: start + number.length });
    }
    const word = this.match(WORD, start);
    if (word !== undefined) {
      return this.emit({ kind: 'word', text: word, start, end: start + word.length });
    }
    const operator = OPERATORS.find((op) => this.source.startsWith(op, start));
    if (operator !== undefined) {
      return this.emit({ kind: 'operator', text: operator, start, end: start + operator.length });
    }
    throw this.unknownCharacter(start);
  }

  private emit(token: Token): Token {
    this.offset = token.end;
    return token;
  }

  private match(pattern: RegExp, start: number): string | undefined {
    pattern.lastIndex = start;
    return pattern.exec(this.source)?.[0];
  }

  /** Reads `${name}` at `start` (which holds the `$`). */
  private placeholder(start: number): { name: string; end: number } {
    if (!this.source.startsWith('${', start)) {
      throw syntaxError(`unexpected "$" ${at(start)}, expected "\${" to start a param`, start);
    }
    const name = this.match(PARAM_NAME, start + 2);
    if (name === undefined) throw this.unexpectedAt(start + 2, 'a param name after "${"');
    const close = start + 2 + name.length;
    if (this.source[close] !== '}') {
      throw this.unexpectedAt(close, `"}" to close the "\${" ${at(start)}`);
    }
    return { name, end: close + 1 };
  }

  /** Reads a quoted string at `start`, splitting it into text and `${name}` parts. */
  private string(start: number, quote: '"' | "'"): Token {
    const parts: StringPart[] = [];
    let text = '';
    let i = start + 1;
    for (;;) {
      const ch = this.source[i];
      if (ch === undefined) {
        throw syntaxError(`unterminated string ${at(start)}, expected a closing ${quote}`, start);
      }
      if (ch === quote) break;
      if (ch === '\\') {
        const escaped = this.source[i + 1];
        if (escaped !== undefined && ESCAPABLE.has(escaped)) {
          text += escaped;
          i += 2;
          continue;
        }
        if (escaped === undefined) {
          i += 1; // the next turn reports the string as unterminated
          continue;
        }
        throw syntaxError(
          `unknown escape "\\${escaped}" ${at(i)}, expected \\" \\' \\\\ or \\$`,
          i,
        );
      }
      if (ch === '$' && this.source.startsWith('${', i)) {
        if (text !== '') parts.push({ text });
        text = '';
        const { name, end } = this.placeholder(i);
        parts.push({ param: name });
        i = end;
        continue;
      }
      text += ch;
      i += 1;
    }
    if (text !== '') parts.push({ text });
    return this.emit({ kind: 'string', parts, start, end: i + 1 });
  }

  private unknownCharacter(offset: number): ExpressionSyntaxError {
    const ch = this.characterAt(offset);
    const whole = HALF_OPERATORS.get(ch);
    if (whole !== undefined) return this.unexpectedAt(offset, `"${whole}"`);
    if (ch === '-') return this.unexpectedAt(offset, 'a digit (a negative number is written -5)');
    return syntaxError(`unexpected character ${JSON.stringify(ch)} ${at(offset)}`, offset);
  }

  private unexpectedAt(offset: number, expected: string): ExpressionSyntaxError {
    const found =
      offset < this.source.length ? JSON.stringify(this.characterAt(offset)) : 'end of condition';
    return syntaxError(`unexpected ${found} ${at(offset)}, expected ${expected}`, offset);
  }

  /** The whole character, so an emoji is quoted as itself and not as half a surrogate pair. */
  private characterAt(offset: number): string {
    return String.fromCodePoint(this.source.codePointAt(offset) ?? 0);
  }
}
