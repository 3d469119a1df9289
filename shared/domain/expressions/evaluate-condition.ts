/**
 * Decides a parsed SWITCH condition (grammar in parse-condition.ts) with the instance's params.
 * Values only ever enter as data here, after parsing, so no value can change what is evaluated.
 *
 * Values:
 * - a bare placeholder `${rows}` is a number when its value, trimmed, is a decimal number
 *   (`-?digits[.digits]`, see decimal.ts), and otherwise a string: the whole value, untrimmed;
 * - a placeholder inside quotes, `"${region}"` or `"x-${a}-y"`, is always text: the value as it is;
 * - numbers are compared exactly as decimals, never as doubles (`1.50 == 1.5`, and 20-digit ids
 *   stay distinct).
 *
 * `==` and `!=` compare two values of the same type by value: numbers numerically, strings
 * exactly (case and spaces count), booleans as booleans. Values of different types compare as
 * text: a number as written (the literal, or the param's trimmed value), a boolean as
 * `true`/`false`. DolphinScheduler hands the substituted condition to a JavaScript engine, whose
 * `==` turns the string into a number: `"" == 0`, `" " == 0` and `"0x10" == 16` are all true
 * there. Comparing text never makes something that is not a number equal to one; keeping the
 * text as written (not `String(Number(v))`) means `${code} == "007"` holds when code is `007`,
 * a 20-digit id equals itself in quotes, and `${flag} == true` holds when flag is `true`.
 *
 * `<`, `<=`, `>`, `>=` need two numbers or two strings; strings compare by UTF-16 code units
 * (`"B" < "a"`, `"10" < "9"`). A number against a string is an error, not a guess.
 *
 * `&&` and `||` short-circuit, as in most languages, so the right side is only evaluated — and
 * its params only needed — when it decides the result: `${n} != "" && ${n} > 5` is a working
 * guard. A placeholder that has to be evaluated and has no value is an error naming the param.
 */
import type { CompareOperator, ConditionExpression, ConditionNode } from './ast.js';
import { excerpt } from './ast.js';
import { compareDecimals, DECIMAL_PATTERN } from './decimal.js';
import { ExpressionEvaluationError } from './errors.js';

type Value =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean };

/** Param values can be long; a message quotes the start only. */
const QUOTE_LIMIT = 60;

function quoteValue(raw: string): string {
  return raw.length <= QUOTE_LIMIT
    ? JSON.stringify(raw)
    : `${JSON.stringify(raw.slice(0, QUOTE_LIMIT))}…`;
}

function bool(value: boolean): Value {
  return { kind: 'boolean', value };
}

function textOf(value: Value): string {
  return value.kind === 'boolean' ? String(value.value) : value.text;
}

function equals(left: Value, right: Value): boolean {
  if (left.kind === 'number' && right.kind === 'number') {
    return compareDecimals(left.text, right.text) === 0;
  }
  return textOf(left) === textOf(right);
}

function holds(op: CompareOperator, order: -1 | 0 | 1): boolean {
  switch (op) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '==':
      return order === 0;
    case '!=':
      return order !== 0;
  }
}

class Evaluator {
  constructor(
    private readonly source: string,
    private readonly params: Record<string, string>,
  ) {}

  condition(node: ConditionNode): boolean {
    const value = this.value(node);
    if (value.kind === 'boolean') return value.value;
    // parseCondition refuses such trees; only a hand-built one gets here.
    throw new ExpressionEvaluationError(
      `${excerpt(this.source, node)} is a ${value.kind}, not a condition`,
    );
  }

  private value(node: ConditionNode): Value {
    switch (node.kind) {
      case 'number':
        return { kind: 'number', text: node.text };
      case 'boolean':
        return bool(node.value);
      case 'string':
        return {
          kind: 'string',
          text: node.parts
            .map((part) => ('param' in part ? this.raw(part.param) : part.text))
            .join(''),
        };
      case 'param': {
        const raw = this.raw(node.name);
        const trimmed = raw.trim();
        return DECIMAL_PATTERN.test(trimmed)
          ? { kind: 'number', text: trimmed }
          : { kind: 'string', text: raw };
      }
      case 'not':
        return bool(!this.condition(node.operand));
      case 'logical': {
        const left = this.condition(node.left);
        // A false left side decides `&&`, a true one decides `||`.
        const decided = node.op === '&&' ? !left : left;
        return bool(decided ? left : this.condition(node.right));
      }
      case 'compare':
        return bool(this.compare(node.op, node.left, node.right));
    }
  }

  private compare(op: CompareOperator, leftNode: ConditionNode, rightNode: ConditionNode): boolean {
    const left = this.value(leftNode);
    const right = this.value(rightNode);
    if (op === '==') return equals(left, right);
    if (op === '!=') return !equals(left, right);
    if (left.kind === 'number' && right.kind === 'number') {
      return holds(op, compareDecimals(left.text, right.text));
    }
    if (left.kind === 'string' && right.kind === 'string') {
      return holds(op, left.text < right.text ? -1 : left.text > right.text ? 1 : 0);
    }
    throw this.unordered(op, [leftNode, left], [rightNode, right]);
  }

  /** The error for `<` and friends on a number and a string, naming the param to blame. */
  private unordered(
    op: CompareOperator,
    ...sides: [ConditionNode, Value][]
  ): ExpressionEvaluationError {
    const text = sides.find(([, value]) => value.kind === 'string');
    const number = sides.find(([, value]) => value.kind === 'number');
    if (text?.[0].kind === 'param') {
      const name = text[0].name;
      return new ExpressionEvaluationError(
        `\${${name}} is ${quoteValue(this.raw(name))}, not a number`,
      );
    }
    if (text !== undefined && number?.[0].kind === 'param') {
      const name = number[0].name;
      return new ExpressionEvaluationError(
        `\${${name}} is ${quoteValue(this.raw(name))}, a number, which "${op}" cannot order ` +
          `against the string ${excerpt(this.source, text[0])}; write "\${${name}}" to compare text`,
      );
    }
    const [left, right] = sides.map(([, value]) => value.kind);
    return new ExpressionEvaluationError(
      `"${op}" compares two numbers or two strings, not a ${left} and a ${right}`,
    );
  }

  /** A param's value as given; own keys only, so `${constructor}` is not Object's. */
  private raw(name: string): string {
    const value = Object.hasOwn(this.params, name) ? this.params[name] : undefined;
    if (typeof value !== 'string') throw new ExpressionEvaluationError(`no value for \${${name}}`);
    return value;
  }
}

/**
 * Decides a condition from `parseCondition` with these params (semantics above).
 *
 * @throws ExpressionEvaluationError when a param that must be read has no value
 *   (`no value for ${x}`) or a value of the wrong type for its operator
 *   (`${rows} is "abc", not a number`).
 */
export function evaluateCondition(
  expr: ConditionExpression,
  params: Record<string, string>,
): boolean {
  return new Evaluator(expr.source, params).condition(expr.root);
}
