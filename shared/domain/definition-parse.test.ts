import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../errors.js';
import { formatPath, parseWorkflowSpec, parseWorkflowYaml } from './definition-parse.js';
import { DEFAULT_DEFINITION_LIMITS } from './definition-limits.js';
import { languageFieldsUnused, type WorkflowDefinitionSpec } from './workflow-spec.js';

/** The task fields of the workflow language, as a task that uses none of them has them. */
const NO_LOGIC = languageFieldsUnused();

const MAX_DEFINITION_BYTES = DEFAULT_DEFINITION_LIMITS.definitionBytes;

function invalid(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return err as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError');
}

const FULL = `
name: nightly-etl
description: Loads yesterday's data
executionType: SERIAL_WAIT
timeout: 1h30m
timeoutStrategy: WARN
failureStrategy: END
params: { day: 2026-01-01, retries: 3, dry_run: false, big.ratio: 0.5 }
tasks:
  - name: extract
    type: SHELL
    command: echo \${day}
    retries: 2
    retryInterval: 5s
    timeout: 10m
    timeoutStrategy: WARN
    workerGroup: etl-workers
  - name: load
    type: SUB_WORKFLOW
    workflow: load-child
    dependsOn: [extract]
`;

const FULL_SPEC: WorkflowDefinitionSpec = {
  name: 'nightly-etl',
  description: "Loads yesterday's data",
  executionType: 'SERIAL_WAIT',
  schedule: null,
  alerts: null,
  timeoutMs: 5_400_000,
  timeoutStrategy: 'WARN',
  failureStrategy: 'END',
  params: { day: '2026-01-01', retries: '3', dry_run: 'false', 'big.ratio': '0.5' },
  tasks: [
    {
      name: 'extract',
      type: 'SHELL',
      command: 'echo ${day}',
      workflow: '',
      dependsOn: [],
      retries: 2,
      retryIntervalMs: 5_000,
      timeoutMs: 600_000,
      timeoutStrategy: 'WARN',
      workerGroup: 'etl-workers',
      ...NO_LOGIC,
    },
    {
      name: 'load',
      type: 'SUB_WORKFLOW',
      command: '',
      workflow: 'load-child',
      dependsOn: ['extract'],
      retries: 0,
      retryIntervalMs: 0,
      timeoutMs: null,
      timeoutStrategy: 'FAIL',
      workerGroup: 'default',
      ...NO_LOGIC,
    },
  ],
};

/** A valid minimal definition as a plain object, with `task` merged into its only task. */
function spec(top: Record<string, unknown> = {}, task: Record<string, unknown> = {}): unknown {
  return { name: 'wf', tasks: [{ name: 't', type: 'SHELL', command: 'true', ...task }], ...top };
}

describe('parseWorkflowYaml', () => {
  it('parses the full example to the exact normalized spec', () => {
    expect(parseWorkflowYaml(FULL)).toEqual(FULL_SPEC);
  });

  it('fills in every default for a minimal definition', () => {
    const parsed = parseWorkflowYaml('name: a\ntasks:\n  - {name: t, type: SHELL, command: ls}\n');
    expect(parsed).toEqual({
      name: 'a',
      description: '',
      executionType: 'PARALLEL',
      schedule: null,
      alerts: null,
      timeoutMs: null,
      timeoutStrategy: 'STOP',
      failureStrategy: 'CONTINUE',
      params: {},
      tasks: [
        {
          name: 't',
          type: 'SHELL',
          command: 'ls',
          workflow: '',
          dependsOn: [],
          retries: 0,
          retryIntervalMs: 0,
          timeoutMs: null,
          timeoutStrategy: 'FAIL',
          workerGroup: 'default',
          ...NO_LOGIC,
        },
      ],
    });
  });

  it('rejects an oversized document before parsing it', () => {
    // invalid YAML past the limit: the size error must win
    const err = invalid(() =>
      parseWorkflowYaml(`name: a\n${'#'.repeat(MAX_DEFINITION_BYTES)}\n: [`),
    );
    expect(err.field).toBe('yaml');
    expect(err.detail).toMatch(/larger than/);
    // multi-byte characters count as bytes, not as string length
    const wide = `name: a\ndescription: "${'é'.repeat(MAX_DEFINITION_BYTES / 2)}"\n`;
    expect(invalid(() => parseWorkflowYaml(wide)).detail).toMatch(/larger than/);
  });

  it('reports YAML syntax errors with the line', () => {
    const err = invalid(() => parseWorkflowYaml('name: a\ntasks: [\n  - x\nfoo: }\n'));
    expect(err.field).toBe('yaml');
    expect(err.detail).toMatch(/line \d+/);
    const dup = invalid(() => parseWorkflowYaml('name: a\nname: b\n'));
    expect([dup.field, dup.detail]).toEqual([
      'yaml',
      'Map keys must be unique at line 2, column 1',
    ]);
  });

  it.each([
    ['an empty text', ''],
    ['only a comment', '# nothing\n'],
    ['a scalar', 'hello\n'],
    ['a sequence', '- name: a\n'],
    ['null', '~\n'],
    ['several documents', 'name: a\n---\nname: b\n'],
  ])('rejects %s with field yaml', (_what, text) => {
    expect(invalid(() => parseWorkflowYaml(text)).field).toBe('yaml');
  });

  it('refuses alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
      .concat(
        ['b', 'c', 'd', 'e', 'f'].map((k, i) => `${k}: &${k} [${`*${'abcdef'[i]}, `.repeat(10)}]`),
      )
      .join('\n');
    expect(invalid(() => parseWorkflowYaml(bomb)).field).toBe('yaml');
  });

  it('reports a bare-number duration with a hint to add a unit', () => {
    const err = invalid(() =>
      parseWorkflowYaml('name: a\ntasks:\n  - {name: t, type: SHELL, command: ls, timeout: 10}\n'),
    );
    expect(err.field).toBe('tasks[0].timeout');
    expect(err.detail).toMatch(/add one, e\.g\. 10s/);
  });
});

describe('parseWorkflowSpec', () => {
  it('accepts the plain-object form and matches the YAML result', () => {
    const fromObject = parseWorkflowSpec({
      name: 'nightly-etl',
      description: "Loads yesterday's data",
      executionType: 'SERIAL_WAIT',
      timeout: '1h30m',
      timeoutStrategy: 'WARN',
      failureStrategy: 'END',
      params: { day: '2026-01-01', retries: '3', dry_run: 'false', 'big.ratio': '0.5' },
      tasks: [
        {
          name: 'extract',
          type: 'SHELL',
          command: 'echo ${day}',
          retries: 2,
          retryInterval: '5s',
          timeout: '10m',
          timeoutStrategy: 'WARN',
          workerGroup: 'etl-workers',
        },
        { name: 'load', type: 'SUB_WORKFLOW', workflow: 'load-child', dependsOn: ['extract'] },
      ],
    });
    expect(fromObject).toEqual(FULL_SPEC);
  });

  it('does not share default objects between results', () => {
    const a = parseWorkflowSpec(spec());
    a.params.x = 'y';
    a.tasks[0]?.dependsOn.push('z');
    const b = parseWorkflowSpec(spec());
    expect(b.params).toEqual({});
    expect(b.tasks[0]?.dependsOn).toEqual([]);
  });

  it.each<[string, unknown, string, RegExp?]>([
    // graph
    [
      'a duplicate task name',
      spec({
        tasks: [
          { name: 'a', type: 'SHELL', command: 'x' },
          { name: 'a', type: 'SHELL', command: 'y' },
        ],
      }),
      'tasks[1].name',
    ],
    [
      'an unknown dependency',
      spec({}, { dependsOn: ['ghost'] }),
      'tasks[0].dependsOn[0]',
      /unknown task/,
    ],
    ['a self-dependency', spec({}, { dependsOn: ['t'] }), 'tasks[0].dependsOn[0]'],
  ])('rejects %s', (_what, input, field, detail) => {
    const err = invalid(() => parseWorkflowSpec(input));
    expect(err.field).toBe(field);
    if (detail !== undefined) expect(err.detail).toMatch(detail);
  });

  it.each([
    ['a 2-cycle', ['a<b', 'b<a'], 'tasks[0].dependsOn', 'dependency cycle a -> b -> a'],
    [
      'a 3-cycle',
      ['x', 'a<c', 'b<a', 'c<b'],
      'tasks[1].dependsOn',
      'dependency cycle a -> c -> b -> a',
    ],
  ])('rejects %s naming the path', (_what, graph, field, detail) => {
    const tasks = graph.map((entry) => {
      const [name, dep] = entry.split('<');
      return {
        name,
        type: 'SHELL',
        command: 'x',
        ...(dep === undefined ? {} : { dependsOn: [dep] }),
      };
    });
    const err = invalid(() => parseWorkflowSpec({ name: 'wf', tasks }));
    expect([err.field, err.detail]).toEqual([field, detail]);
  });
});

describe('formatPath', () => {
  it('renders indices, identifiers and quoted keys', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['tasks', 1, 'dependsOn', 0])).toBe('tasks[1].dependsOn[0]');
    expect(formatPath(['params', 'a.b'])).toBe('params["a.b"]');
    expect(formatPath([0, 'x'])).toBe('[0].x');
  });
});
