import { describe, expect, it } from 'vitest';

import { mergeParams } from '../params.js';
import type { ConditionExpression } from './ast.js';
import { ExpressionEvaluationError } from './errors.js';
import { evaluateCondition } from './evaluate-condition.js';
import { parseCondition } from './parse-condition.js';

function evaluate(text: string, params: Record<string, string> = {}): boolean {
  return evaluateCondition(parseCondition(text), params);
}

function evaluationError(text: string, params: Record<string, string> = {}): string {
  try {
    evaluate(text, params);
  } catch (err) {
    expect(err).toBeInstanceOf(ExpressionEvaluationError);
    return (err as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail with ${JSON.stringify(params)}`);
}

/** The SWITCH of the documentation: the first branch whose condition holds, else the default. */
const branches = [
  { when: parseCondition('${rows} > 1000'), next: 'big-load' },
  { when: parseCondition('"${region}" == "eu"'), next: 'eu-load' },
  { when: parseCondition('(${a} >= 2 && !(${flag} == "yes")) || ${b} != 3.5'), next: 'other' },
];

function route(params: Record<string, string>): string {
  return branches.find(({ when }) => evaluateCondition(when, params))?.next ?? 'small-load';
}

describe('evaluateCondition on the documented SWITCH', () => {
  const base = { a: '1', flag: 'yes', b: '3.5' };

  it.each([
    [{ rows: '1001', region: 'us' }, 'big-load'],
    [{ rows: '1001', region: 'eu' }, 'big-load'],
    [{ rows: '42', region: 'eu' }, 'eu-load'],
    [{ rows: '42', region: 'us' }, 'small-load'],
    [{ rows: '1000', region: 'us' }, 'small-load'],
    [{ rows: '42', region: 'us', a: '2', flag: 'no' }, 'other'],
    [{ rows: '42', region: 'us', a: '2', flag: 'yes' }, 'small-load'],
    [{ rows: '42', region: 'us', b: '3.50' }, 'small-load'],
    [{ rows: '42', region: 'us', b: '4' }, 'other'],
    [{ rows: '42', region: 'EU' }, 'small-load'],
  ])('routes %j to %s', (params, next) => {
    expect(route({ ...base, ...params })).toBe(next);
  });

  it.each([
    ['${rows} > 1000', { rows: '42' }, false],
    ['${rows} > 1000', { rows: '1001' }, true],
    ['"${region}" == "eu"', { region: 'eu' }, true],
    ['"${region}" == "eu"', { region: 'us' }, false],
  ])('%s with %j is %s', (text, params, result) => {
    expect(evaluate(text, params)).toBe(result);
  });
});

describe('evaluateCondition operators', () => {
  it.each([
    // Precedence: each would be the other way round with the other grouping.
    ['true || false && false', true],
    ['!false && false', false],
    ['!(false && false)', true],
    ['false && false || true', true],
    ['!true == false', true],
    ['(true || false) && false', false],
    // Truth tables.
    ['true && true', true],
    ['true && false', false],
    ['false && true', false],
    ['false || false', false],
    ['false || true', true],
    ['!true', false],
    ['!!true', true],
    // Numbers.
    ['1 == 1', true],
    ['1 == 2', false],
    ['1 != 2', true],
    ['1 != 1', false],
    ['1 < 2', true],
    ['2 < 2', false],
    ['2 <= 2', true],
    ['3 <= 2', false],
    ['3 > 2', true],
    ['2 > 2', false],
    ['2 >= 2', true],
    ['1 >= 2', false],
    ['-1 < 0', true],
    ['-1.5 < -1.25', true],
    ['1.50 == 1.5', true],
    ['007 == 7', true],
    ['-0 == 0', true],
    ['10 > 9', true],
    ['12345678901234567891 > 12345678901234567890', true],
    // Strings: exact, by UTF-16 code units.
    ['"eu" == "eu"', true],
    ['"eu" == "EU"', false],
    ['"eu" == "eu "', false],
    ['"a" != "b"', true],
    ['"a" < "b"', true],
    ['"B" < "a"', true],
    ['"10" < "9"', true],
    ['"abc" <= "abc"', true],
    ['"abd" > "abc"', true],
    ['"" < "a"', true],
    ['"b" >= "ab"', true],
    ['\'eu\' == "eu"', true],
    // Booleans compare as booleans.
    ['(1 < 2) == true', true],
    ['(1 < 2) != (2 < 1)', true],
  ])('%s is %s', (text, result) => {
    expect(evaluate(text)).toBe(result);
  });
});

describe('evaluateCondition values', () => {
  it.each([
    // A bare placeholder is a number when its trimmed value is a decimal.
    ['${v} == 42', '42', true],
    ['${v} == 42', ' 42\n', true],
    ['${v} == 42', '42.0', true],
    ['${v} == 42', '042', true],
    ['${v} > -1', '-0.5', true],
    ['${v} < 100', '99.99', true],
    ['${v} > 9', '10', true],
    ['${v} > 12345678901234567890', '12345678901234567891', true],
    ['${v} > 1', '9'.repeat(400), true],
    // Anything else is a string, and never equal to a number.
    ['${v} == 1000', '1e3', false],
    ['${v} == 16', '0x10', false],
    ['${v} == 0', '', false],
    ['${v} == 0', ' ', false],
    ['${v} == "Infinity"', 'Infinity', true],
    ['${v} == "+1"', '+1', true],
    ['${v} == "1."', '1.', true],
    ['${v} == " x "', ' x ', true],
    ['${v} > "b"', 'c', true],
    // A number against a string compares the number's text as written.
    ['${v} == "007"', '007', true],
    ['${v} == "7"', '007', false],
    ['${v} == "42"', ' 42 ', true],
    ['1.50 == "1.5"', '', false],
    ['1.50 == "1.50"', '', true],
    ['${v} == "12345678901234567891"', '12345678901234567891', true],
    // A boolean against a string or number compares as true/false.
    ['${v} == true', 'true', true],
    ['${v} == true', 'TRUE', false],
    ['${v} == true', '1', false],
    ['${v} != false', 'no', true],
    ['(1 < 2) == "true"', '', true],
    ['(1 < 2) == 1', '', false],
  ])('%s with v=%j is %s', (text, v, result) => {
    expect(evaluate(text, { v })).toBe(result);
  });

  it.each([
    ['"${v}" == "eu"', { v: 'eu' }, true],
    ['"${v}" == " 42 "', { v: ' 42 ' }, true],
    ['"${v}" == "42"', { v: '42.0' }, false],
    ['"${v}" < "9"', { v: '10' }, true],
    ['"x-${a}-y" == "x-1-y"', { a: '1' }, true],
    ['\'${a}${b}\' == "12"', { a: '1', b: '2' }, true],
    ['"${a}" == ${a}', { a: 'abc' }, true],
    ['"\\${a}" == "${b}"', { a: 'x', b: '${a}' }, true],
    ['"say \\"${a}\\"" == \'say "hi"\'', { a: 'hi' }, true],
    ['"a\\\\b" == "${v}"', { v: 'a\\b' }, true],
  ])('interpolates %s with %j', (text, params, result) => {
    expect(evaluate(text, params)).toBe(result);
  });
});

describe('evaluateCondition errors', () => {
  it.each([
    ['${rows} > 1000', { rows: 'abc' }, '${rows} is "abc", not a number'],
    ['1000 <= ${rows}', { rows: '' }, '${rows} is "", not a number'],
    ['${a} < ${b}', { a: 'x', b: '2' }, '${a} is "x", not a number'],
    ['${a} < ${b}', { a: '2', b: 'x' }, '${b} is "x", not a number'],
    ['${rows} > 1000', { rows: 'y'.repeat(100) }, `\${rows} is "${'y'.repeat(60)}"…, not a number`],
    [
      '${version} >= "2.0"',
      { version: '3' },
      '${version} is "3", a number, which ">=" cannot order against the string "2.0"; write "${version}" to compare text',
    ],
    [
      '"v${major}" > ${minor}',
      { major: '1', minor: '2' },
      '${minor} is "2", a number, which ">" cannot order against the string "v${major}"; write "${minor}" to compare text',
    ],
    ['${x} == 1', {}, 'no value for ${x}'],
    ['"${x}" == "1"', {}, 'no value for ${x}'],
    ['"a-${x}" == "1"', { y: '1' }, 'no value for ${x}'],
    ['false || ${x} == 1', {}, 'no value for ${x}'],
  ])('%s with %j fails: %s', (text, params, message) => {
    expect(evaluationError(text, params)).toBe(message);
  });

  it('only evaluates the side of && and || that decides', () => {
    expect(evaluate('true || ${missing} == 1')).toBe(true);
    expect(evaluate('false && ${missing} > 1')).toBe(false);
    expect(evaluate('${n} != "" && ${n} > 5', { n: '' })).toBe(false);
    expect(evaluate('${n} != "" && ${n} > 5', { n: '7' })).toBe(true);
  });

  it('refuses a hand-built tree that is not a condition', () => {
    const expr: ConditionExpression = {
      source: '42',
      root: { kind: 'number', text: '42', start: 0, end: 2 },
    };
    expect(() => evaluateCondition(expr, {})).toThrow(
      new ExpressionEvaluationError('42 is a number, not a condition'),
    );
  });
});

describe('evaluateCondition with hostile params', () => {
  it.each([
    ['1 || true', 'a'],
    ['1) || (1', 'a'],
    ['") || ("', 'a'],
    ['" || "" == "', 'a'],
    ['eu" || "a" == "a', 'a'],
    ['${b}', 'a'],
    ['__proto__', 'a'],
    ['constructor', 'a'],
    ['true', 'a'],
  ])('a value %j is only data', (value) => {
    expect(evaluate('"${a}" == "eu"', { a: value })).toBe(false);
    expect(evaluate('${a} == 1', { a: value, b: '1' })).toBe(false);
    expect(evaluate('"${a}" == "x" || "${b}" == "y"', { a: value, b: 'n' })).toBe(false);
    expect(evaluate('"${a}" == ${a}', { a: value })).toBe(true);
  });

  it('never makes a value an operator, even one that looks like a whole condition', () => {
    expect(evaluationError('${rows} > 1000', { rows: '1 || true' })).toBe(
      '${rows} is "1 || true", not a number',
    );
    expect(evaluationError('${rows} > 1000', { rows: '2000 || false' })).toBe(
      '${rows} is "2000 || false", not a number',
    );
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'finds no inherited value for ${%s}',
    (name) => {
      expect(evaluationError(`"\${${name}}" == "x"`)).toBe(`no value for \${${name}}`);
      expect(evaluationError(`\${${name}} == 1`)).toBe(`no value for \${${name}}`);
    },
  );

  it('reads an own __proto__ or constructor param as plain data', () => {
    const params = mergeParams(
      JSON.parse('{"__proto__": "7", "constructor": "x"}') as Record<string, string>,
    );
    expect(evaluate('${__proto__} == 7 && "${constructor}" == "x"', params)).toBe(true);
  });
});

describe('evaluateCondition on a stored tree', () => {
  it('decides the same after a JSON round trip', () => {
    const text = '(${a} >= 2 && !("${flag}" == "yes")) || ${b} != 3.5';
    const stored = JSON.parse(JSON.stringify(parseCondition(text))) as ConditionExpression;
    for (const params of [
      { a: '2', flag: 'no', b: '3.5' },
      { a: '1', flag: 'no', b: '3.5' },
      { a: '1', flag: 'no', b: '3' },
    ]) {
      expect(evaluateCondition(stored, params)).toBe(evaluate(text, params));
    }
  });
});
