import { describe, expect, it } from 'vitest';

import { conditionParams } from './condition-params.js';
import { parseCondition } from './parse-condition.js';

describe('conditionParams', () => {
  it.each([
    ['1 < 2', []],
    ['${rows} > 1000', ['rows']],
    ['"${region}" == "eu"', ['region']],
    ['(${a} >= 2 && !(${flag} == "yes")) || ${b} != 3.5', ['a', 'flag', 'b']],
    ['"x-${a}-${b}" == ${c}', ['a', 'b', 'c']],
    ['${a} == 1 || "${a}" == "${b}" || ${b} > ${a}', ['a', 'b']],
    ['${system.task.attempt} > 1', ['system.task.attempt']],
    ['"\\${escaped}" == "$5"', []],
  ])('%s reads %j', (text, names) => {
    expect(conditionParams(parseCondition(text))).toEqual(names);
  });

  it('lists params on a side that short-circuiting may skip', () => {
    expect(conditionParams(parseCondition('true || ${skipped} == 1'))).toEqual(['skipped']);
  });
});
