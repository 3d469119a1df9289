/**
 * The syntax tree of a SWITCH condition, as `parseCondition` builds it. Plain data (it survives
 * `JSON.stringify`), and params stay placeholders: values only meet the tree in
 * `evaluateCondition`, which is why no value can change the tree's shape.
 */

export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type LogicalOperator = '&&' | '||';

/** A piece of a quoted string: literal text, or a `${name}` whose value is inserted as text. */
export type StringPart = { readonly text: string } | { readonly param: string };

/** Where a node was written: 0-based offsets into the source, `end` exclusive. */
interface Span {
  readonly start: number;
  readonly end: number;
}

export type ConditionNode = Span &
  (
    | { readonly kind: 'number'; readonly text: string }
    | { readonly kind: 'boolean'; readonly value: boolean }
    | { readonly kind: 'string'; readonly parts: readonly StringPart[] }
    | { readonly kind: 'param'; readonly name: string }
    | { readonly kind: 'not'; readonly operand: ConditionNode }
    | {
        readonly kind: 'compare';
        readonly op: CompareOperator;
        readonly left: ConditionNode;
        readonly right: ConditionNode;
      }
    | {
        readonly kind: 'logical';
        readonly op: LogicalOperator;
        readonly left: ConditionNode;
        readonly right: ConditionNode;
      }
  );

/** A parsed condition: its source text (kept for error messages and logs) and its tree. */
export interface ConditionExpression {
  readonly source: string;
  readonly root: ConditionNode;
}

const EXCERPT_LIMIT = 40;

/**
 * How a node was written, for error messages; long excerpts are cut so that a message stays one
 * readable line.
 */
export function excerpt(source: string, node: Span): string {
  const text = source.slice(node.start, node.end);
  return text.length <= EXCERPT_LIMIT ? text : `${text.slice(0, EXCERPT_LIMIT)}…`;
}
