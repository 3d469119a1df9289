import { describe, expect, it } from 'vitest';

import { mergeParams, PARAM_NAME_PATTERN, substituteParams, systemParams } from './params.js';

describe('substituteParams', () => {
  const params = { day: '2026-01-01', 'system.instance.id': '42', a_b: 'x' };

  it('replaces known names, including dotted ones', () => {
    expect(substituteParams('run ${day} #${system.instance.id} ${a_b}${a_b}', params)).toBe(
      'run 2026-01-01 #42 xx',
    );
  });

  it('leaves unknown names, bare $name and malformed placeholders untouched', () => {
    expect(substituteParams('echo ${HOME} $day ${} ${1x} ${day', params)).toBe(
      'echo ${HOME} $day ${} ${1x} ${day',
    );
  });

  it('gives $${name} no special meaning', () => {
    expect(substituteParams('$${day}', params)).toBe('$2026-01-01');
  });

  it('inserts values verbatim and does not re-scan them', () => {
    const tricky = { a: '${b}', b: 'B', dollar: "$& $' $1" };
    expect(substituteParams('${a} ${dollar}', tricky)).toBe("${b} $& $' $1");
  });

  it('ignores inherited properties', () => {
    expect(substituteParams('${toString} ${constructor}', {})).toBe('${toString} ${constructor}');
  });
});

describe('mergeParams', () => {
  it('lets later layers win and does not modify its inputs', () => {
    const definition = { day: 'd', keep: 'k' };
    const start = { day: 's' };
    const merged = mergeParams(definition, start, { extra: 'e' });
    expect(merged).toEqual({ day: 's', keep: 'k', extra: 'e' });
    expect(definition).toEqual({ day: 'd', keep: 'k' });
    expect(mergeParams()).toEqual({});
  });

  it('keeps a __proto__ key as data instead of changing the prototype', () => {
    const layer = JSON.parse('{"__proto__": "v"}') as Record<string, string>;
    const merged = mergeParams(layer);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.entries(merged)).toEqual([['__proto__', 'v']]);
  });
});

describe('systemParams', () => {
  it('names the instance, workflow, task and attempt', () => {
    const params = systemParams({ instanceId: '17', workflow: 'etl', task: 'extract', attempt: 2 });
    expect(params).toEqual({
      'system.instance.id': '17',
      'system.workflow.name': 'etl',
      'system.task.name': 'extract',
      'system.task.attempt': '2',
    });
    expect(substituteParams('${system.task.name}#${system.task.attempt}', params)).toBe(
      'extract#2',
    );
    expect(mergeParams({ 'system.task.name': 'user' }, params)['system.task.name']).toBe('extract');
  });

  it('uses names that are valid param names', () => {
    const names = Object.keys(systemParams({ instanceId: '', workflow: '', task: '', attempt: 0 }));
    for (const name of names) expect(name).toMatch(PARAM_NAME_PATTERN);
  });
});
