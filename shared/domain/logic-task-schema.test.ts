import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { parseWorkflowYaml } from './definition-parse.js';

/** The daily-sales definition (upstream workflows need not exist to apply it). */
const DAILY_SALES = `name: daily-sales
params: { region: eu }
tasks:
  - name: extract
    type: SHELL
    params: { table: sales_\${region} }
    outputs: [rows, file]
    command: |
      echo '\${setValue(rows=42)}'
      echo "file=/data/$[yyyyMMdd-1].csv" >> "$BATON_OUTPUT"
  - name: check
    type: CONDITIONS
    dependsOn: [extract]
    condition: { all: [ { task: extract, state: SUCCESS } ] }
    onTrue: [route]
    onFalse: [alert]
  - name: route
    type: SWITCH
    dependsOn: [check]
    switch:
      - { when: '\${rows} > 1000', next: big-load }
      - { when: '"\${region}" == "eu"', next: eu-load }
    default: small-load
  - { name: big-load,   type: SHELL, dependsOn: [route], command: 'echo big \${rows} \${file}' }
  - { name: eu-load,    type: SHELL, dependsOn: [route], command: 'echo eu' }
  - { name: small-load, type: SHELL, dependsOn: [route], command: 'echo small' }
  - { name: alert,      type: SHELL, dependsOn: [check], command: 'echo failed' }
  - name: upstream-done
    type: DEPENDENT
    dependOn:
      all:
        - { workflow: crm-import, cycle: day, date: today }
        - { workflow: ledger, task: close, cycle: month, date: lastMonth }
    checkInterval: 10s
    timeout: 2h
`;

function problem(yaml: string): { field: string; detail: string } {
  try {
    parseWorkflowYaml(yaml);
  } catch (err) {
    if (err instanceof InvalidArgumentError) return { field: err.field, detail: err.detail };
    throw err;
  }
  throw new Error('expected the definition to be refused');
}

/** DAILY_SALES with one line replaced. */
const withLine = (from: string, to: string): string => {
  expect(DAILY_SALES).toContain(from);
  return DAILY_SALES.replace(from, to);
};

describe('the workflow language in definitions', () => {
  it("applies the issue's definition and normalizes every logic field", () => {
    const spec = parseWorkflowYaml(DAILY_SALES);
    const byName = new Map(spec.tasks.map((t) => [t.name, t]));
    expect(byName.get('extract')).toMatchObject({
      params: { table: 'sales_${region}' },
      outputs: ['rows', 'file'],
    });
    expect(byName.get('check')).toMatchObject({
      condition: { relation: 'all', items: [{ task: 'extract', state: 'SUCCESS' }] },
      onTrue: ['route'],
      onFalse: ['alert'],
    });
    expect(byName.get('route')).toMatchObject({
      switchCases: [
        { when: '${rows} > 1000', next: 'big-load' },
        { when: '"${region}" == "eu"', next: 'eu-load' },
      ],
      switchDefault: 'small-load',
    });
    expect(byName.get('upstream-done')).toMatchObject({
      timeoutMs: 7_200_000,
      dependOn: {
        relation: 'all',
        checkIntervalMs: 10_000,
        items: [
          { workflow: 'crm-import', task: null, cycle: 'day', date: 'today' },
          { workflow: 'ledger', task: 'close', cycle: 'month', date: 'lastMonth' },
        ],
      },
    });
  });

  it.each([
    [
      'a malformed SWITCH expression',
      withLine("when: '${rows} > 1000'", "when: '${rows} > > 1000'"),
      'tasks[2].switch[0].when',
      /unexpected ">"/,
    ],
    [
      'a branch that does not depend on its CONDITIONS task',
      withLine('onFalse: [alert]', 'onFalse: [small-load]'),
      'tasks[1].onFalse[0]',
      /must be a task that depends on check/,
    ],
    [
      'a condition on a task outside dependsOn',
      withLine('{ task: extract, state: SUCCESS }', '{ task: route, state: SUCCESS }'),
      'tasks[1].condition.all[0].task',
      /not in dependsOn of check/,
    ],
    [
      'a condition state other than SUCCESS or FAILURE',
      withLine('{ task: extract, state: SUCCESS }', '{ task: extract, state: KILL }'),
      'tasks[1].condition.all[0].state',
      /SUCCESS|FAILURE/,
    ],
    [
      'both all and any in a condition',
      withLine(
        'condition: { all: [ { task: extract, state: SUCCESS } ] }',
        'condition: { all: [ { task: extract, state: SUCCESS } ], any: [ { task: extract, state: FAILURE } ] }',
      ),
      'tasks[1].condition',
      /exactly one of "all" or "any"/,
    ],
    [
      'a SWITCH target that does not depend on it',
      withLine('default: small-load', 'default: alert'),
      'tasks[2].default',
      /must be a task that depends on route/,
    ],
    [
      'a DEPENDENT date value of another cycle',
      withLine('cycle: day, date: today', 'cycle: day, date: lastMonth'),
      'tasks[7].dependOn.all[0].date',
      /not a date value of cycle day/,
    ],
    [
      'an unknown DEPENDENT cycle',
      withLine('cycle: day, date: today', 'cycle: year, date: today'),
      'tasks[7].dependOn.all[0].cycle',
      /hour|day|week|month/,
    ],
    [
      'a malformed date expression in a command',
      withLine('$[yyyyMMdd-1]', '$[yyyyMMdd-x]'),
      'tasks[0].command',
      /unsupported "x" in date format/,
    ],
    [
      'a logic field on the wrong type',
      withLine('default: small-load', 'default: small-load\n    outputs: [x]'),
      'tasks[2].outputs',
      /not allowed on a SWITCH task/,
    ],
    [
      'a CONDITIONS task without its condition',
      withLine('    condition: { all: [ { task: extract, state: SUCCESS } ] }\n', ''),
      'tasks[1].condition',
      /is required for a CONDITIONS task/,
    ],
    [
      'an output declared twice',
      withLine('outputs: [rows, file]', 'outputs: [rows, rows]'),
      'tasks[0].outputs[1]',
      /listed twice/,
    ],
    [
      'a reserved output name',
      withLine('outputs: [rows, file]', 'outputs: [system.x]'),
      'tasks[0].outputs[0]',
      /reserved/,
    ],
  ])('refuses %s, naming the field', (_what, yaml, field, detail) => {
    const refused = problem(yaml);
    expect(refused.field).toBe(field);
    expect(refused.detail).toMatch(detail);
  });
});
