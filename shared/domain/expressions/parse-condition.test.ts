import { describe, expect, it } from 'vitest';

import type { ConditionNode } from './ast.js';
import { ExpressionSyntaxError } from './errors.js';
import { parseCondition } from './parse-condition.js';

/** The tree written back with every operation in parentheses, so precedence shows. */
function render(node: ConditionNode): string {
  switch (node.kind) {
    case 'number':
      return node.text;
    case 'boolean':
      return String(node.value);
    case 'param':
      return `\${${node.name}}`;
    case 'string':
      return `str(${node.parts.map((part) => ('param' in part ? `\${${part.param}}` : JSON.stringify(part.text))).join(' ')})`;
    case 'not':
      return `!${render(node.operand)}`;
    case 'compare':
    case 'logical':
      return `(${render(node.left)} ${node.op} ${render(node.right)})`;
  }
}

function parsed(text: string): string {
  return render(parseCondition(text).root);
}

function syntaxError(text: string): ExpressionSyntaxError {
  try {
    parseCondition(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ExpressionSyntaxError);
    return err as ExpressionSyntaxError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseCondition', () => {
  it.each([
    // The examples of the SWITCH documentation.
    ['${rows} > 1000', '(${rows} > 1000)'],
    ['"${region}" == "eu"', '(str(${region}) == str("eu"))'],
    [
      '(${a} >= 2 && !(${flag} == "yes")) || ${b} != 3.5',
      '(((${a} >= 2) && !(${flag} == str("yes"))) || (${b} != 3.5))',
    ],
    // && binds tighter than ||, comparisons tighter than &&, ! tighter than comparisons.
    ['true || false && false', '(true || (false && false))'],
    ['true && false || true', '((true && false) || true)'],
    ['1 == 1 || 2 == 2 && 3 != 3', '((1 == 1) || ((2 == 2) && (3 != 3)))'],
    ['!true == false', '(!true == false)'],
    ['!true && false', '(!true && false)'],
    ['!!!true', '!!!true'],
    // Left to right, and parentheses override.
    ['true || false || true', '((true || false) || true)'],
    ['true && true && false', '((true && true) && false)'],
    ['(true || false) && false', '((true || false) && false)'],
    ['((((1 < 2))))', '(1 < 2)'],
    ['(1 < 2) == (3 > 4)', '((1 < 2) == (3 > 4))'],
    // Every comparison operator, with and without spaces, across lines.
    ['${a}==1', '(${a} == 1)'],
    ['${a}!=1', '(${a} != 1)'],
    ['${a}<1', '(${a} < 1)'],
    ['${a}<=1', '(${a} <= 1)'],
    ['${a}>1', '(${a} > 1)'],
    ['${a}>=1', '(${a} >= 1)'],
    ['${a}>=2&&${b}<3||!(${c}=="x")', '(((${a} >= 2) && (${b} < 3)) || !(${c} == str("x")))'],
    ['\t${a} == 1\r\n  && ${b} == 2 ', '((${a} == 1) && (${b} == 2))'],
    // Param names as params.ts allows them.
    ['${system.task.attempt} > 1', '(${system.task.attempt} > 1)'],
    ['${_x9} == ${A_b.c}', '(${_x9} == ${A_b.c})'],
  ])('parses %s', (text, tree) => {
    expect(parsed(text)).toBe(tree);
  });

  it.each([
    ['0', '0'],
    ['42', '42'],
    ['-7', '-7'],
    ['3.5', '3.5'],
    ['-0.25', '-0.25'],
    ['007', '007'],
    ['12345678901234567890', '12345678901234567890'],
  ])('keeps the number literal %s as written', (literal, text) => {
    expect(parsed(`${literal} == 1`)).toBe(`(${text} == 1)`);
  });

  it.each([
    [`"a\\"b"`, 'str("a\\"b")'],
    [`'it\\'s'`, `str("it's")`],
    [`"back\\\\slash"`, 'str("back\\\\slash")'],
    [`'say "hi"'`, 'str("say \\"hi\\"")'],
    [`"it's"`, `str("it's")`],
    [`"\\\${x}"`, 'str("${x}")'],
    [`"$5 and $"`, 'str("$5 and $")'],
    [`""`, 'str()'],
    [`''`, 'str()'],
    [`"x-\${a}-y"`, 'str("x-" ${a} "-y")'],
    [`'\${a}\${b}'`, 'str(${a} ${b})'],
    [`"a && b || (c"`, 'str("a && b || (c")'],
    [`"ü → 😀"`, 'str("ü → 😀")'],
  ])('reads the string %s', (literal, tree) => {
    expect(parsed(`${literal} == ""`)).toBe(`(${tree} == str())`);
  });

  it('keeps where each node was written', () => {
    const { source, root } = parseCondition('  (${a} == 1) && !true');
    expect(root).toMatchObject({ kind: 'logical', start: 2, end: 22 });
    if (root.kind !== 'logical') throw new Error('expected &&');
    expect(source.slice(root.left.start, root.left.end)).toBe('(${a} == 1)');
    expect(source.slice(root.right.start, root.right.end)).toBe('!true');
  });

  it.each([
    ['', 'empty condition, expected a value', 1],
    ['   ', 'empty condition, expected a value', 1],
    ['(${a} >= 2 && )', 'unexpected ")" at position 15, expected a value', 15],
    // Unbalanced parentheses.
    [
      '(1 < 2',
      'unexpected end of condition at position 7, expected ")" to close the "(" at position 1',
      7,
    ],
    [
      '((1 < 2)',
      'unexpected end of condition at position 9, expected ")" to close the "(" at position 1',
      9,
    ],
    ['1 < 2)', 'unmatched ")" at position 6', 6],
    ['(1 < 2 3)', 'unexpected 3 at position 8, expected an operator or ")"', 8],
    ['()', 'unexpected ")" at position 2, expected a value', 2],
    // Dangling operators.
    ['${a} ==', 'unexpected end of condition at position 8, expected a value', 8],
    ['1 == 1 &&', 'unexpected end of condition at position 10, expected a value', 10],
    ['|| 1 == 1', 'unexpected "||" at position 1, expected a value', 1],
    ['!', 'unexpected end of condition at position 2, expected a value', 2],
    ['== 1', 'unexpected "==" at position 1, expected a value', 1],
    // Half operators and unknown characters.
    ['${a} = 1', 'unexpected "=" at position 6, expected "=="', 6],
    ['1 == 1 & 2 == 2', 'unexpected "&" at position 8, expected "&&"', 8],
    ['1 == 1 | 2 == 2', 'unexpected "|" at position 8, expected "||"', 8],
    ['${a} == 1 # note', 'unexpected character "#" at position 11', 11],
    ['${a} + 1 == 2', 'unexpected character "+" at position 6', 6],
    ['1 == 1 😀', 'unexpected character "😀" at position 8', 8],
    [
      '- 5 == 1',
      'unexpected "-" at position 1, expected a digit (a negative number is written -5)',
      1,
    ],
    ['1. == 1', 'unexpected character "." at position 2', 2],
    ['1.5.2 == 1', 'unexpected character "." at position 4', 4],
    ['1 2', 'unexpected 2 at position 3, expected an operator or the end of the condition', 3],
    // Strings.
    ['"abc == 1', 'unterminated string at position 1, expected a closing "', 1],
    ["'abc\\' == 1", "unterminated string at position 1, expected a closing '", 1],
    ['"abc\\', 'unterminated string at position 1, expected a closing "', 1],
    ['"a\\nb" == 1', 'unknown escape "\\n" at position 3, expected \\" \\\' \\\\ or \\$', 3],
    ['"${1x}" == 1', 'unexpected "1" at position 4, expected a param name after "${"', 4],
    // Placeholders.
    ['$a == 1', 'unexpected "$" at position 1, expected "${" to start a param', 1],
    ['${} == 1', 'unexpected "}" at position 3, expected a param name after "${"', 3],
    ['${a == 1', 'unexpected " " at position 4, expected "}" to close the "${" at position 1', 4],
    [
      '${a-b} == 1',
      'unexpected "-" at position 4, expected "}" to close the "${" at position 1',
      4,
    ],
    ['${', 'unexpected end of condition at position 3, expected a param name after "${"', 3],
    // Bare words.
    [
      'rows > 1',
      'unexpected "rows" at position 1, expected a value (a param is written ${rows}, a string "rows")',
      1,
    ],
    [
      'TRUE',
      'unexpected "TRUE" at position 1, expected a value (a param is written ${TRUE}, a string "TRUE")',
      1,
    ],
    [
      '1 == 1 and 2 == 2',
      'unexpected "and" at position 8, expected an operator or the end of the condition (write && for "and")',
      8,
    ],
    [
      '1 == 1 OR 2 == 2',
      'unexpected "OR" at position 8, expected an operator or the end of the condition (write || for "or")',
      8,
    ],
    ['not 1 == 1', 'unexpected "not" at position 1, expected a value (write ! for "not")', 1],
    [
      '1 == 1 true',
      'unexpected "true" at position 8, expected an operator or the end of the condition',
      8,
    ],
    // Chained comparisons.
    [
      '1 < 2 < 3',
      'unexpected "<" at position 7: comparisons cannot be chained, join them with && or ||',
      7,
    ],
    [
      '${a} == ${b} == ${c}',
      'unexpected "==" at position 14: comparisons cannot be chained, join them with && or ||',
      14,
    ],
  ])('rejects %j: %s', (text, message, position) => {
    const err = syntaxError(text);
    expect(err.message).toBe(message);
    expect(err.position).toBe(position);
  });

  it.each([
    [
      '${rows}',
      'a SWITCH condition must be true or false, but ${rows} at position 1 is a param, not a condition; compare it, e.g. ${rows} == "yes"',
    ],
    [
      '42',
      'a SWITCH condition must be true or false, but 42 at position 1 is a number, not a condition',
    ],
    [
      '"yes"',
      'a SWITCH condition must be true or false, but "yes" at position 1 is a string, not a condition',
    ],
    [
      '(${rows})',
      'a SWITCH condition must be true or false, but (${rows}) at position 1 is a param, not a condition; compare it, e.g. ${rows} == "yes"',
    ],
    [
      '${flag} && true',
      '"&&" needs a condition on each side, but ${flag} at position 1 is a param, not a condition; compare it, e.g. ${flag} == "yes"',
    ],
    [
      'true || "x"',
      '"||" needs a condition on each side, but "x" at position 9 is a string, not a condition',
    ],
    ['!1', '"!" needs a condition, but 1 at position 2 is a number, not a condition'],
    [
      '!${flag} == "yes"',
      '"!" needs a condition, but ${flag} at position 2 is a param, not a condition; "!" applies before "==", so write !(${flag} == …)',
    ],
    [
      '(1 < 2) < 3',
      '"<" compares two numbers or two strings, but (1 < 2) at position 1 is a condition',
    ],
    [
      '1 >= true',
      '">=" compares two numbers or two strings, but true at position 6 is a condition',
    ],
    [
      '"${rows}" > 1000',
      '">" compares two numbers or two strings, but "${rows}" at position 1 is a string and 1000 at position 13 is a number; write ${rows} without quotes to compare it as a number',
    ],
    [
      '1 <= "a"',
      '"<=" compares two numbers or two strings, but 1 at position 1 is a number and "a" at position 6 is a string',
    ],
  ])('refuses %j, which can never be decided', (text, message) => {
    expect(syntaxError(text).message).toBe(message);
  });

  it('accepts == and != between any two operands', () => {
    expect(parsed('${flag} == true')).toBe('(${flag} == true)');
    expect(parsed('1 != "1"')).toBe('(1 != str("1"))');
    expect(parsed('(1 < 2) == "true"')).toBe('((1 < 2) == str("true"))');
  });

  it('quotes only the start of a long operand in a message', () => {
    const long = `"${'x'.repeat(100)}"`;
    expect(syntaxError(`${long} > 1`).message).toMatch(
      new RegExp(`^">" compares two numbers or two strings, but "x{39}… at position 1 is a string`),
    );
  });
});

describe('parseCondition limits', () => {
  const padTo = (text: string, length: number) => `${text}${' '.repeat(length - text.length)}`;

  it('accepts 1,000 characters and refuses 1,001', () => {
    expect(parsed(padTo('1 == 1', 1000))).toBe('(1 == 1)');
    const err = syntaxError(padTo('1 == 1', 1001));
    expect(err.message).toBe('condition is 1001 characters long, over the limit of 1000');
    expect(err.position).toBe(1001);
  });

  it('refuses a long text before reading any of it', () => {
    expect(syntaxError(`${'('.repeat(100_000)}`).message).toMatch(/over the limit of 1000/);
  });

  it('accepts 32 levels of parentheses and refuses 33', () => {
    expect(parsed(`${'('.repeat(32)}1 < 2${')'.repeat(32)}`)).toBe('(1 < 2)');
    const err = syntaxError(`${'('.repeat(33)}1 < 2${')'.repeat(33)}`);
    expect(err.message).toBe('nesting deeper than 32 levels at position 33');
    expect(err.position).toBe(33);
  });

  it('accepts 32 levels of ! and refuses 33', () => {
    expect(parsed(`${'!'.repeat(32)}true`)).toBe(`${'!'.repeat(32)}true`);
    expect(syntaxError(`${'!'.repeat(33)}true`).message).toBe(
      'nesting deeper than 32 levels at position 33',
    );
  });

  it('counts ( and ! together', () => {
    expect(syntaxError(`${'!('.repeat(17)}true${')'.repeat(17)}`).message).toBe(
      'nesting deeper than 32 levels at position 33',
    );
  });

  it('does not count sibling parentheses or long && chains as nesting', () => {
    expect(() => parseCondition(Array(40).fill('(1 < 2)').join(' && '))).not.toThrow();
    const chain = Array(150).fill('true').join('&&');
    expect(chain.length).toBeLessThanOrEqual(1000);
    expect(() => parseCondition(chain)).not.toThrow();
  });
});
