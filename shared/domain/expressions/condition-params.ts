/** The params a SWITCH condition reads, so the master can record the values a decision saw. */
import type { ConditionExpression, ConditionNode } from './ast.js';

function collect(node: ConditionNode, names: Set<string>): void {
  switch (node.kind) {
    case 'number':
    case 'boolean':
      return;
    case 'param':
      names.add(node.name);
      return;
    case 'string':
      for (const part of node.parts) if ('param' in part) names.add(part.param);
      return;
    case 'not':
      collect(node.operand, names);
      return;
    case 'compare':
    case 'logical':
      collect(node.left, names);
      collect(node.right, names);
      return;
  }
}

/**
 * The names of every placeholder in the condition, bare or inside a string, each once, in the
 * order they are written. These are all the params evaluation may read; a short-circuited side
 * may leave some unread.
 */
export function conditionParams(expr: ConditionExpression): string[] {
  const names = new Set<string>();
  collect(expr.root, names);
  return [...names];
}
