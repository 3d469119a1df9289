/**
 * The two ways a SWITCH condition can fail. They are plain `Error`s, not `BatonError`s, because
 * they never cross a service boundary as they are: the definition validator turns a syntax error
 * into an `InvalidArgumentError` on the field `tasks[i].switch[j].when`, and the master records
 * an evaluation error as the reason a SWITCH task failed.
 */

/**
 * The text is not a valid condition: bad syntax, a value where a condition is needed, or over a
 * size limit. Raised by `parseCondition`, so a definition with such a condition is refused when it
 * is submitted, not when an instance reaches the SWITCH.
 */
export class ExpressionSyntaxError extends Error {
  /**
   * @param position 1-based position (in UTF-16 code units) of the offending character, or one
   *   past the end when the text ended too early; it is also in the message.
   */
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The condition is valid but cannot be decided with these params: one has no value, or its value
 * has the wrong type for the operator (`${rows} is "abc", not a number`).
 */
export class ExpressionEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
