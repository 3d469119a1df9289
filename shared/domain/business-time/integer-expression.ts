/**
 * The integer arithmetic DolphinScheduler allows in `$[...]` offsets and function arguments
 * (`TimePlaceholderUtils.calculate`): non-negative integer literals, `+ - * /` and parentheses,
 * integer division truncating toward zero.
 *
 * One oddity is kept because users' expressions depend on it: DS turns a sign at the start, or
 * after an operator or `(`, into a unary operator that it only applies once the rest of the
 * enclosing group is computed. So a unary minus covers everything up to the closing parenthesis
 * or the end: `-1-1` is 0, `2*-1+3` is -8. The parser below reproduces that by letting a sign
 * take the rest of the group as its operand.
 *
 * Where DS wraps around or crashes (Java int overflow, division by zero, empty operands,
 * spaces inside the expression) this refuses with a message instead.
 */

import { InvalidArgumentError } from '../../errors.js';

const INT_MAX = 2 ** 31 - 1;

type Token = number | '+' | '-' | '*' | '/' | '(' | ')';

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\d+|[-+*/()]|(.)/gy;
  for (const match of text.matchAll(pattern)) {
    if (match[1] !== undefined) {
      throw new InvalidArgumentError('', `unexpected "${match[1]}"`);
    }
    const token = match[0];
    tokens.push(/^\d/.test(token) ? Number(token) : (token as Token));
  }
  return tokens;
}

function checked(value: number): number {
  if (Math.abs(value) > INT_MAX) throw new InvalidArgumentError('', 'too large');
  return value;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): number {
    const value = this.signed();
    if (this.index < this.tokens.length) this.fail();
    return value;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private fail(): never {
    throw new InvalidArgumentError('', 'malformed');
  }

  /** A group: signs first, each covering the whole rest of the group (see the file comment). */
  private signed(): number {
    const sign = this.peek();
    if (sign === '+' || sign === '-') {
      this.index += 1;
      // DS fails on two signs in a row (its stack runs empty), so `--1` is refused too.
      const next = this.peek();
      if (next === '+' || next === '-') this.fail();
      const rest = this.signed();
      return sign === '-' ? checked(0 - rest) : rest;
    }
    return this.additive();
  }

  private additive(): number {
    let value = this.multiplicative();
    for (let op = this.peek(); op === '+' || op === '-'; op = this.peek()) {
      this.index += 1;
      const right = this.multiplicative();
      value = checked(op === '+' ? value + right : value - right);
    }
    return value;
  }

  private multiplicative(): number {
    let value = this.operand();
    for (let op = this.peek(); op === '*' || op === '/'; op = this.peek()) {
      this.index += 1;
      const right = this.operand();
      if (op === '/' && right === 0) {
        throw new InvalidArgumentError('', 'division by zero');
      }
      value = checked(op === '*' ? value * right : Math.trunc(value / right));
    }
    return value;
  }

  /** A literal, a parenthesised group, or a sign that takes the rest of the group. */
  private operand(): number {
    const token = this.peek();
    if (typeof token === 'number') {
      this.index += 1;
      return checked(token);
    }
    if (token === '(') {
      this.index += 1;
      const value = this.signed();
      if (this.peek() !== ')') this.fail();
      this.index += 1;
      return value;
    }
    if (token === '+' || token === '-') return this.signed();
    return this.fail();
  }
}

/**
 * Evaluates `text` with DolphinScheduler's rules (see the file comment).
 * @throws InvalidArgumentError (empty field) when it is empty or malformed, divides by zero or
 *   leaves the 32-bit range DS computes in; the detail is short ("malformed", "too large") for
 *   the caller to put in context.
 */
export function evaluateInteger(text: string): number {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new InvalidArgumentError('', 'empty');
  return new Parser(tokens).parse();
}
