import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../errors.js';
import { evaluateInteger } from './integer-expression.js';

describe('evaluateInteger (DolphinScheduler TimePlaceholderUtils.calculate)', () => {
  it.each([
    ['7', 7],
    ['007', 7],
    ['-1', -1],
    ['+3', 3],
    ['12*3', 36],
    ['1+2*3', 7],
    ['(1+2)*3', 9],
    ['10-2-3', 5],
    ['20/3', 6],
    ['-20/3', -6],
    ['1440*(1)/7', 205],
    ['1440*(1)/24', 60],
    ['1440*(1)/48', 30],
    // DS's unary sign covers the rest of its group.
    ['-1-1', 0],
    ['2*-1+3', -8],
    ['1+2*-3+4', -13],
    ['7/-2*3', -1],
    ['(-1)-1', -2],
    ['1-2*-3-4', -1],
    ['1440*(1)/-24', -60],
  ])('%s = %i', (text, value) => {
    expect(evaluateInteger(text)).toBe(value);
  });

  it.each([
    ['', 'empty'],
    ['1 + 1', 'unexpected " "'],
    ['0.5', 'unexpected "."'],
    ['x', 'unexpected "x"'],
    ['1+', 'malformed'],
    ['()', 'malformed'],
    ['(1', 'malformed'],
    ['1)', 'malformed'],
    ['2(3)', 'malformed'],
    ['--1', 'malformed'],
    ['2*+-1', 'malformed'],
    ['1/0', 'division by zero'],
    ['6/-2/3', 'division by zero'], // 6 / -(2/3), as DS computes it
    ['2147483648', 'too large'],
    ['65536*65536', 'too large'],
  ])('refuses %j (%s)', (text, detail) => {
    const evaluate = () => evaluateInteger(text);
    expect(evaluate).toThrow(InvalidArgumentError);
    expect(evaluate).toThrow(detail);
  });
});
