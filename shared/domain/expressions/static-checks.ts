/**
 * Conditions that parse but can never work, refused by the parser so that a bad definition is
 * refused when it is submitted rather than when an instance reaches the SWITCH. The parser can
 * tell what every node yields except a placeholder, whose value is a number or a string — but
 * never a boolean. Hence:
 * - the operands of `&&`, `||`, `!` and the whole condition must be conditions (a comparison,
 *   `&&`, `||`, `!`, `true`, `false`), not a number, string or placeholder: `${flag} && …` would
 *   always fail; `${flag} == true` is what works;
 * - `<`, `<=`, `>`, `>=` take numbers or strings, never conditions, and two operands without
 *   placeholders must be of the same type (`"${rows}" > 1000` compares a string with a number).
 */
import type { CompareOperator, ConditionNode } from './ast.js';
import { excerpt } from './ast.js';
import { at, syntaxError } from './tokenizer.js';

/** What a node yields, as far as the parser can tell: a placeholder yields a number or a string. */
type StaticKind = 'condition' | 'number' | 'string' | 'param';

function staticKind(node: ConditionNode): StaticKind {
  switch (node.kind) {
    case 'number':
    case 'string':
    case 'param':
      return node.kind;
    case 'boolean':
    case 'not':
    case 'compare':
    case 'logical':
      return 'condition';
  }
}

/**
 * @param context why a condition is needed here, e.g. `"&&" needs a condition on each side`
 * @param fix how to write it instead, when the caller knows better than the default hint
 * @throws ExpressionSyntaxError when `node` yields a value instead
 */
export function requireCondition(
  source: string,
  node: ConditionNode,
  context: string,
  fix?: string,
): void {
  const kind = staticKind(node);
  if (kind === 'condition') return;
  const hint =
    fix !== undefined
      ? `; ${fix}`
      : node.kind === 'param'
        ? `; compare it, e.g. \${${node.name}} == "yes"`
        : '';
  throw syntaxError(
    `${context}, but ${excerpt(source, node)} ${at(node.start)} is a ${kind}, not a condition${hint}`,
    node.start,
  );
}

/** @throws ExpressionSyntaxError when `op` (an ordering) can never compare these operands */
export function checkOrdered(
  source: string,
  op: CompareOperator,
  left: ConditionNode,
  right: ConditionNode,
): void {
  const purpose = `"${op}" compares two numbers or two strings`;
  for (const side of [left, right]) {
    if (staticKind(side) === 'condition') {
      throw syntaxError(
        `${purpose}, but ${excerpt(source, side)} ${at(side.start)} is a condition`,
        side.start,
      );
    }
  }
  const [leftKind, rightKind] = [staticKind(left), staticKind(right)];
  if (leftKind === 'param' || rightKind === 'param' || leftKind === rightKind) return;
  const text = left.kind === 'string' ? left : right;
  const only = text.kind === 'string' && text.parts.length === 1 ? text.parts[0] : undefined;
  const hint =
    only !== undefined && 'param' in only
      ? `; write \${${only.param}} without quotes to compare it as a number`
      : '';
  throw syntaxError(
    `${purpose}, but ${excerpt(source, left)} ${at(left.start)} is a ${leftKind} and ` +
      `${excerpt(source, right)} ${at(right.start)} is a ${rightKind}${hint}`,
    left.start,
  );
}
