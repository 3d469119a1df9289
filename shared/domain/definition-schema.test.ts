import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../errors.js';
import { parseWorkflowSpec } from './definition-parse.js';
import { DEFAULT_DEFINITION_LIMITS, type DefinitionLimits } from './definition-limits.js';

// The structural rules of definition-schema.ts, exercised through the public parseWorkflowSpec
// so that each case also checks the field path users see.

function invalid(input: unknown): InvalidArgumentError {
  try {
    parseWorkflowSpec(input);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return err as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError');
}

/** A valid minimal definition as a plain object, with `task` merged into its only task. */
function spec(top: Record<string, unknown> = {}, task: Record<string, unknown> = {}): unknown {
  return { name: 'wf', tasks: [{ name: 't', type: 'SHELL', command: 'true', ...task }], ...top };
}

const manyParams = Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`p${i}`, 'v']));
const sub = { type: 'SUB_WORKFLOW', command: undefined, workflow: 'child' };

describe('workflow schema', () => {
  it('accepts the minimal definition the cases below start from', () => {
    expect(parseWorkflowSpec(spec()).tasks[0]?.command).toBe('true');
    expect(parseWorkflowSpec(spec({}, sub)).tasks[0]?.workflow).toBe('child');
  });

  it.each<[string, unknown, string, RegExp?]>([
    // structure and types
    ['a non-object', 'name: a', '', /expected object/],
    ['null', null, '', /expected object/],
    ['a missing name', { tasks: [] }, 'name', /required/],
    ['a bad workflow name', spec({ name: '-x' }), 'name', /must match/],
    ['a too-long name', spec({ name: 'a'.repeat(129) }), 'name'],
    ['a missing tasks list', { name: 'wf' }, 'tasks', /required/],
    ['no tasks', spec({ tasks: [] }), 'tasks'],
    ['tasks not a list', spec({ tasks: { name: 't' } }), 'tasks'],
    ['1001 tasks', spec({ tasks: Array.from({ length: 1001 }, () => ({})) }), 'tasks', /1000/],
    ['a task that is not a mapping', spec({ tasks: ['t'] }), 'tasks[0]'],
    ['a bad task name', spec({}, { name: 'a/b' }), 'tasks[0].name', /must match/],
    ['a missing task type', spec({}, { type: undefined }), 'tasks[0].type', /required/],
    ['a non-integer retries', spec({}, { retries: 1.5 }), 'tasks[0].retries'],
    ['a string retries', spec({}, { retries: '2' }), 'tasks[0].retries'],
    ['retries over 100', spec({}, { retries: 101 }), 'tasks[0].retries'],
    ['negative retries', spec({}, { retries: -1 }), 'tasks[0].retries'],
    ['dependsOn not a list', spec({}, { dependsOn: 'a' }), 'tasks[0].dependsOn'],
    ['a non-string dependsOn entry', spec({}, { dependsOn: [1] }), 'tasks[0].dependsOn[0]'],
    ['a bad worker group', spec({}, { workerGroup: 'a b' }), 'tasks[0].workerGroup'],
    ['a null description', spec({ description: null }), 'description'],
    ['a description over 4 KiB', spec({ description: 'é'.repeat(2049) }), 'description', /4 KiB/],
    // unknown keys
    ['an unknown top-level key', spec({ cron: '* * *' }), 'cron', /unknown key/],
    ['a misspelt task key', spec({}, { comand: 'ls', command: undefined }), 'tasks[0].comand'],
    ['a snake_case key', spec({}, { depends_on: [] }), 'tasks[0].depends_on', /unknown key/],
    // enums
    ['an unknown executionType', spec({ executionType: 'SERIAL' }), 'executionType'],
    ['a lower-case enum', spec({ failureStrategy: 'end' }), 'failureStrategy'],
    ['an unknown workflow timeoutStrategy', spec({ timeoutStrategy: 'FAIL' }), 'timeoutStrategy'],
    ['an unknown task type', spec({}, { type: 'PYTHON' }), 'tasks[0].type', /SHELL/],
    [
      'a STOP task timeoutStrategy',
      spec({}, { timeoutStrategy: 'STOP' }),
      'tasks[0].timeoutStrategy',
    ],
    // durations
    ['a 5x duration', spec({}, { retryInterval: '5x' }), 'tasks[0].retryInterval'],
    ['a negative duration', spec({}, { timeout: '-1s' }), 'tasks[0].timeout'],
    ['a bare-number duration', spec({ timeout: 10 }), 'timeout', /unit/],
    ['a bare-number string duration', spec({ timeout: '10' }), 'timeout', /unit/],
    ['a negative number duration', spec({}, { retryInterval: -5 }), 'tasks[0].retryInterval'],
    ['a zero timeout', spec({}, { timeout: '0s' }), 'tasks[0].timeout', /greater than 0/],
    ['a zero workflow timeout', spec({ timeout: '0ms' }), 'timeout', /greater than 0/],
    ['a duration over 30 days', spec({ timeout: '31d' }), 'timeout', /30 days/],
    ['a boolean duration', spec({}, { retryInterval: true }), 'tasks[0].retryInterval'],
    // per-type rules
    [
      'a SHELL task without command',
      spec({}, { command: undefined }),
      'tasks[0].command',
      /required/,
    ],
    ['an empty command', spec({}, { command: '' }), 'tasks[0].command', /empty/],
    ['a whitespace command', spec({}, { command: ' \n\t' }), 'tasks[0].command', /empty/],
    ['a command over 64 KiB', spec({}, { command: 'x'.repeat(65537) }), 'tasks[0].command'],
    ['a workflow on a SHELL task', spec({}, { workflow: 'w' }), 'tasks[0].workflow', /not allowed/],
    [
      'a command on a SUB_WORKFLOW task',
      spec({}, { ...sub, command: 'ls' }),
      'tasks[0].command',
      /not allowed/,
    ],
    [
      'a SUB_WORKFLOW task without workflow',
      spec({}, { ...sub, workflow: undefined }),
      'tasks[0].workflow',
      /required/,
    ],
    [
      'a bad child workflow name',
      spec({}, { ...sub, workflow: '' }),
      'tasks[0].workflow',
      /must match/,
    ],
    // params
    ['params not a mapping', spec({ params: ['a'] }), 'params'],
    ['a bad param name', spec({ params: { '1x': 'v' } }), 'params["1x"]', /invalid key/],
    [
      'a reserved param name',
      spec({ params: { 'system.x': 'v' } }),
      'params["system.x"]',
      /reserved/,
    ],
    [
      'a __proto__ param',
      spec({ params: JSON.parse('{"__proto__": "v"}') as unknown }),
      'params.__proto__',
      /reserved/,
    ],
    ['a null param value', spec({ params: { a: null } }), 'params.a', /must be a string/],
    ['a nested param value', spec({ params: { a: { b: 1 } } }), 'params.a'],
    ['an infinite param value', spec({ params: { a: Infinity } }), 'params.a'],
    ['params over 64 KiB in all', spec({ params: { a: 'x'.repeat(65536) } }), 'params', /64 KiB/],
    ['257 params', spec({ params: manyParams }), 'params', /256/],
  ])('rejects %s', (_what, input, field, detail) => {
    const err = invalid(input);
    expect(err.field).toBe(field);
    if (detail !== undefined) expect(err.detail).toMatch(detail);
  });

  it('reports unknown keys before the errors they probably cause', () => {
    const err = invalid({ nmae: 'wf', tasks: [] });
    expect([err.field, err.detail]).toEqual(['nmae', 'unknown key "nmae"']);
  });

  it('converts YAML-style numbers and booleans in params to strings', () => {
    const parsed = parseWorkflowSpec(spec({ params: { n: 3, f: 0.5, b: true, s: 'x' } }));
    expect(parsed.params).toEqual({ n: '3', f: '0.5', b: 'true', s: 'x' });
  });

  it('accepts values exactly at the limits', () => {
    const atLimits = spec(
      {
        name: 'a'.repeat(128),
        description: 'x'.repeat(4096),
        params: {
          // 255 small params (1,169 bytes in all) and one that fills 64 KiB exactly
          ['p'.repeat(128)]: 'v'.repeat(65536 - 1169 - 128),
          ...Object.fromEntries(Object.entries(manyParams).slice(2)),
        },
        timeout: '30d',
      },
      { command: 'x'.repeat(65536), retries: 100, retryInterval: '0s', timeout: '1ms' },
    );
    const parsed = parseWorkflowSpec(atLimits);
    expect(Object.keys(parsed.params)).toHaveLength(256);
    expect(parsed.timeoutMs).toBe(30 * 86_400_000);
    expect(parsed.tasks[0]).toMatchObject({ retries: 100, retryIntervalMs: 0, timeoutMs: 1 });
  });
});

describe('workflow schema under other limits', () => {
  const limits: DefinitionLimits = {
    ...DEFAULT_DEFINITION_LIMITS,
    tasks: 2,
    commandBytes: 10,
    paramsBytes: 8,
    paramCount: 2,
  };
  const task = (name: string, command = 'true') => ({ name, type: 'SHELL', command });

  it('accepts a definition exactly at each of them', () => {
    const parsed = parseWorkflowSpec(
      { name: 'wf', params: { a: 'bcd', e: 'fgh' }, tasks: [task('t', 'x'.repeat(10)), task('u')] },
      limits,
    );
    expect(parsed.tasks).toHaveLength(2);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['too many tasks', { name: 'wf', tasks: [task('a'), task('b'), task('c')] }, 'tasks', /2/],
    [
      'a long command',
      { name: 'wf', tasks: [task('a'), task('b', 'x'.repeat(11))] },
      'tasks[1].command',
      /10 bytes/,
    ],
    [
      'too many params',
      { name: 'wf', params: { a: '', b: '', c: '' }, tasks: [task('a')] },
      'params',
      /at most 2/,
    ],
    [
      'params too large',
      { name: 'wf', params: { a: 'bcdefghi' }, tasks: [task('a')] },
      'params',
      /9 bytes/,
    ],
  ])('rejects %s naming the field', (_what, input, field, detail) => {
    let err: unknown;
    try {
      parseWorkflowSpec(input, limits);
    } catch (caught) {
      err = caught;
    }
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).field).toBe(field);
    expect((err as InvalidArgumentError).detail).toMatch(detail);
  });
});
