import { ExpressionSyntaxError } from './errors.js';
import { parseCondition } from './parse-condition.js';

/**
 * The syntax problem of a SWITCH `when`, for validation at apply time: the definition is
 * refused (INVALID_ARGUMENT on `tasks[i].switch[j].when`) rather than failing when a run
 * reaches the task. Undefined when it parses.
 */
export function conditionSyntaxError(when: string): string | undefined {
  try {
    parseCondition(when);
    return undefined;
  } catch (err) {
    if (err instanceof ExpressionSyntaxError) return err.message;
    throw err;
  }
}
