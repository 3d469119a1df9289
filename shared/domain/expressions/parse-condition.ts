/**
 * The condition language of SWITCH tasks: `${rows} > 1000`, `"${region}" == "eu"`,
 * `(${a} >= 2 && !(${flag} == "yes")) || ${b} != 3.5`.
 *
 * Params come from callers, so conditions are parsed by our own recursive-descent parser and
 * walked by our own evaluator — never `eval` or `new Function` — and params stay placeholders in
 * the tree: a value is only ever data, it cannot add an operator or close a string (no
 * injection, whatever the value holds).
 *
 * Grammar (EBNF; whitespace — space, tab, CR, LF — may separate tokens):
 *
 *   condition   = or ;                              (* and nothing after it *)
 *   or          = and , { "||" , and } ;
 *   and         = comparison , { "&&" , comparison } ;
 *   comparison  = unary , [ compare-op , unary ] ;  (* not chained: 1 < 2 < 3 is an error *)
 *   compare-op  = "==" | "!=" | "<" | "<=" | ">" | ">=" ;
 *   unary       = "!" , unary | primary ;
 *   primary     = number | string | "true" | "false" | placeholder | "(" , or , ")" ;
 *   number      = [ "-" ] , digits , [ "." , digits ] ;
 *   digits      = digit , { digit } ;
 *   placeholder = "${" , name , "}" ;
 *   name        = ( letter | "_" ) , { letter | digit | "_" | "." } ;
 *   string      = '"' , { placeholder | escape | any char but '"', "\" } , '"'
 *               | "'" , { placeholder | escape | any char but "'", "\" } , "'" ;
 *                 (* in a string, "${" always starts a placeholder; "\${" is the text "${" *)
 *   escape      = "\" , ( '"' | "'" | "\" | "$" ) ;
 *
 * So `!` binds tighter than comparisons, which bind tighter than `&&`, then `||`; `&&` and `||`
 * group to the left. A placeholder inside a string is interpolated: `"x-${a}-y"`.
 *
 * Conditions that parse but can never work (`${flag} && …`, `"${rows}" > 1000`) are refused
 * too: see static-checks.ts.
 *
 * Limits: at most 1,000 characters (UTF-16 code units), and at most 32 levels of nesting, each
 * `(` and each `!` counting as one; together they bound the recursion of the parser, the
 * evaluator and every walk of the tree, whoever wrote the condition. `&&`/`||` chains are parsed
 * by iteration, and their length is bounded by the character limit.
 */
import type {
  CompareOperator,
  ConditionExpression,
  ConditionNode,
  LogicalOperator,
} from './ast.js';
import { excerpt } from './ast.js';
import type { ExpressionSyntaxError } from './errors.js';
import type { Operator, Token } from './tokenizer.js';
import { checkOrdered, requireCondition } from './static-checks.js';
import { at, syntaxError, Tokenizer } from './tokenizer.js';

const MAX_LENGTH = 1000;
const MAX_DEPTH = 32;

const COMPARE_OPERATORS: ReadonlySet<Operator> = new Set<CompareOperator>([
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
]);

function isCompareOperator(op: Operator): op is CompareOperator {
  return COMPARE_OPERATORS.has(op);
}

/** Words people write out of habit, and what they mean here. */
const WORD_HINTS = new Map([
  ['and', 'write && for "and"'],
  ['or', 'write || for "or"'],
  ['not', 'write ! for "not"'],
]);

class Parser {
  private readonly tokenizer: Tokenizer;
  private token: Token;
  private depth = 0;

  constructor(private readonly source: string) {
    this.tokenizer = new Tokenizer(source);
    this.token = this.tokenizer.next();
  }

  condition(): ConditionNode {
    if (this.atEnd()) throw syntaxError('empty condition, expected a value', 0);
    const root = this.or();
    if (this.isOperator(')')) {
      throw syntaxError(`unmatched ")" ${at(this.token.start)}`, this.token.start);
    }
    if (!this.atEnd()) throw this.unexpected('an operator or the end of the condition');
    requireCondition(this.source, root, 'a SWITCH condition must be true or false');
    return root;
  }

  private or(): ConditionNode {
    let left = this.and();
    while (this.isOperator('||')) left = this.logical('||', left, () => this.and());
    return left;
  }

  private and(): ConditionNode {
    let left = this.comparison();
    while (this.isOperator('&&')) left = this.logical('&&', left, () => this.comparison());
    return left;
  }

  private logical(
    op: LogicalOperator,
    left: ConditionNode,
    operand: () => ConditionNode,
  ): ConditionNode {
    const context = `"${op}" needs a condition on each side`;
    requireCondition(this.source, left, context);
    this.advance();
    const right = operand();
    requireCondition(this.source, right, context);
    return { kind: 'logical', op, left, right, start: left.start, end: right.end };
  }

  private comparison(): ConditionNode {
    const left = this.unary();
    const op = this.compareOperator();
    if (op === undefined) return left;
    this.advance();
    const right = this.unary();
    const chained = this.compareOperator();
    if (chained !== undefined) {
      throw syntaxError(
        `unexpected "${chained}" ${at(this.token.start)}: comparisons cannot be chained, ` +
          'join them with && or ||',
        this.token.start,
      );
    }
    if (op !== '==' && op !== '!=') checkOrdered(this.source, op, left, right);
    return { kind: 'compare', op, left, right, start: left.start, end: right.end };
  }

  private unary(): ConditionNode {
    if (!this.isOperator('!')) return this.primary();
    const bang = this.token;
    this.enter();
    this.advance();
    const operand = this.unary();
    this.depth -= 1;
    // `!${flag} == "yes"` reads as `(!${flag}) == "yes"`: say how to write what was meant.
    const next = this.compareOperator();
    const fix =
      next === undefined
        ? undefined
        : `"!" applies before "${next}", so write !(${excerpt(this.source, operand)} ${next} …)`;
    requireCondition(this.source, operand, '"!" needs a condition', fix);
    return { kind: 'not', operand, start: bang.start, end: operand.end };
  }

  private primary(): ConditionNode {
    const token = this.token;
    switch (token.kind) {
      case 'number':
        this.advance();
        return { kind: 'number', text: token.text, start: token.start, end: token.end };
      case 'string':
        this.advance();
        return { kind: 'string', parts: token.parts, start: token.start, end: token.end };
      case 'param':
        this.advance();
        return { kind: 'param', name: token.name, start: token.start, end: token.end };
      case 'word':
        if (token.text !== 'true' && token.text !== 'false') break;
        this.advance();
        return {
          kind: 'boolean',
          value: token.text === 'true',
          start: token.start,
          end: token.end,
        };
      case 'operator':
        if (token.text === '(') return this.parenthesized();
        break;
      case 'end':
        break;
    }
    throw this.unexpected('a value');
  }

  private parenthesized(): ConditionNode {
    const open = this.token;
    this.enter();
    this.advance();
    const inner = this.or();
    if (this.atEnd()) throw this.unexpected(`")" to close the "(" ${at(open.start)}`);
    if (!this.isOperator(')')) throw this.unexpected('an operator or ")"');
    const close = this.token;
    this.depth -= 1;
    this.advance();
    // The span takes in the parentheses, so that messages quote `(a < b)` as written.
    return { ...inner, start: open.start, end: close.end };
  }

  private compareOperator(): CompareOperator | undefined {
    const token = this.token;
    return token.kind === 'operator' && isCompareOperator(token.text) ? token.text : undefined;
  }

  private isOperator(op: Operator): boolean {
    return this.token.kind === 'operator' && this.token.text === op;
  }

  /** A method, not an inline test, because TypeScript would keep a narrowing across `advance`. */
  private atEnd(): boolean {
    return this.token.kind === 'end';
  }

  private advance(): void {
    this.token = this.tokenizer.next();
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) {
      throw syntaxError(
        `nesting deeper than ${MAX_DEPTH} levels ${at(this.token.start)}`,
        this.token.start,
      );
    }
  }

  private unexpected(expected: string): ExpressionSyntaxError {
    const token = this.token;
    const hint = token.kind === 'word' ? wordHint(token.text) : '';
    return syntaxError(
      `unexpected ${this.describe(token)} ${at(token.start)}, expected ${expected}${hint}`,
      token.start,
    );
  }

  private describe(token: Token): string {
    switch (token.kind) {
      case 'end':
        return 'end of condition';
      case 'operator':
      case 'word':
        return `"${token.text}"`;
      case 'number':
      case 'string':
      case 'param':
        // As written: strings and placeholders carry their own delimiters.
        return excerpt(this.source, token);
    }
  }
}

function wordHint(word: string): string {
  if (word === 'true' || word === 'false') return '';
  const known = WORD_HINTS.get(word.toLowerCase());
  if (known !== undefined) return ` (${known})`;
  return ` (a param is written \${${word}}, a string "${word}")`;
}

/**
 * Parses a SWITCH condition (grammar above). Placeholders are kept as placeholders; values are
 * supplied to `evaluateCondition`.
 *
 * @throws ExpressionSyntaxError with the 1-based position and what was expected there, e.g.
 *   `unexpected ")" at position 15, expected a value`, when the text is not a condition, is
 *   longer than 1,000 characters or nests deeper than 32 levels.
 */
export function parseCondition(text: string): ConditionExpression {
  if (text.length > MAX_LENGTH) {
    throw syntaxError(
      `condition is ${text.length} characters long, over the limit of ${MAX_LENGTH}`,
      MAX_LENGTH,
    );
  }
  return { source: text, root: new Parser(text).condition() };
}
