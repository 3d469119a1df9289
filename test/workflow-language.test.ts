import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instance__Output } from '../shared/proto/gen/baton/v1/Instance.js';
import { startTestCluster, waitForEnd, type TestCluster } from './support/test-cluster.js';

/**
 * Issue 13 through a real cluster: the issue's `daily-sales` definition (CONDITIONS, SWITCH,
 * DEPENDENT, OUT params, business dates) with its upstream definitions, run for each branch.
 */
const dailySales = (extract: string) => `name: daily-sales
params: { region: eu }
tasks:
  - name: extract
    type: SHELL
    params: { table: sales_\${region} }
    outputs: [rows, file]
    command: |
${extract}
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
    checkInterval: 1s
    timeout: 2m
`;

const extractRows = (rows: number) =>
  [
    `      echo '\${setValue(rows=${rows})}'`,
    '      echo "file=/data/$[yyyyMMdd-1].csv" >> "$BATON_OUTPUT"',
  ].join('\n');

describe('the workflow language (issue 13) through a cluster', () => {
  let t: TestCluster;

  let upstream: Promise<void> | undefined;

  beforeAll(async () => {
    t = await startTestCluster('workflow-language', { layout: { masters: 1, workers: 1 } });
  });

  /** Upstream runs in the windows of a 2026-03-01 business date: today, and last month. */
  function upstreamRuns(): Promise<void> {
    upstream ??= (async () => {
      await t.api.ApplyWorkflow({
        yaml: 'name: crm-import\ntasks:\n  - { name: load, type: SHELL, command: "true" }\n',
      });
      await t.api.ApplyWorkflow({
        yaml: 'name: ledger\ntasks:\n  - { name: close, type: SHELL, command: "true" }\n',
      });
      for (const [workflow, at] of [
        ['crm-import', '2026-03-01T02:00:00Z'],
        ['ledger', '2026-02-27T23:00:00Z'],
      ] as const) {
        const { id } = await t.api.StartInstance({ workflow, schedule_time: at });
        expect((await waitForEnd(t.api, id)).state).toBe('SUCCESS');
      }
    })();
    return upstream;
  }
  afterAll(async () => {
    await t?.dispose();
  });

  async function run(extract: string): Promise<Instance__Output> {
    await upstreamRuns();
    await t.api.ApplyWorkflow({ yaml: dailySales(extract) });
    const { id } = await t.api.StartInstance({
      workflow: 'daily-sales',
      schedule_time: '2026-03-01T06:00:00Z',
    });
    return waitForEnd(t.api, id, 90_000);
  }

  const states = (i: Instance__Output) =>
    Object.fromEntries(i.tasks.map((task) => [task.name, task.state]));

  it('rows > 1000: big-load runs with the passed values, the other branches are SKIPPED', async () => {
    const done = await run(extractRows(1001));
    expect(done.state).toBe('SUCCESS');
    expect(states(done)).toEqual({
      extract: 'SUCCESS',
      check: 'SUCCESS',
      route: 'SUCCESS',
      'big-load': 'SUCCESS',
      'eu-load': 'SKIPPED',
      'small-load': 'SKIPPED',
      alert: 'SKIPPED',
      'upstream-done': 'SUCCESS',
    });
    const extract = done.tasks.find((x) => x.name === 'extract')!;
    expect(extract.outputs).toEqual({ rows: '1001', file: '/data/20260228.csv' });
    const log = await t.api.GetTaskLog({ instance_id: done.id, task: 'big-load', attempt: 0 });
    expect(log.content).toContain('big 1001 /data/20260228.csv');
    for (const name of ['check', 'route', 'upstream-done'])
      expect(done.tasks.find((x) => x.name === name)?.worker, name).toBe('');
    const route = JSON.parse(done.tasks.find((x) => x.name === 'route')!.decision) as unknown;
    expect(route).toMatchObject({ kind: 'SWITCH', chosen: ['big-load'], inputs: { rows: '1001' } });
  });

  it('rows <= 1000 in region eu: eu-load', async () => {
    const done = await run(extractRows(42));
    expect(states(done)).toMatchObject({ 'big-load': 'SKIPPED', 'eu-load': 'SUCCESS' });
    expect(done.state).toBe('SUCCESS');
  });

  it('a failing extract: alert runs, the whole routing branch is SKIPPED, the instance succeeds', async () => {
    const done = await run('      exit 3');
    expect(states(done)).toMatchObject({
      extract: 'FAILURE',
      check: 'SUCCESS',
      alert: 'SUCCESS',
      route: 'SKIPPED',
      'big-load': 'SKIPPED',
      'eu-load': 'SKIPPED',
      'small-load': 'SKIPPED',
    });
    expect(done.state).toBe('SUCCESS');
  });

  it('params cross a SUB_WORKFLOW both ways', async () => {
    await t.api.ApplyWorkflow({
      yaml: [
        'name: lang-child',
        'tasks:',
        '  - { name: inner, type: SHELL, outputs: [total], command: \'echo "total=$((${n} * 2))" >> "$BATON_OUTPUT"\' }',
        '',
      ].join('\n'),
    });
    await t.api.ApplyWorkflow({
      yaml: [
        'name: lang-parent',
        'params: { n: "21" }',
        'tasks:',
        '  - { name: sub, type: SUB_WORKFLOW, workflow: lang-child, outputs: [total] }',
        "  - { name: use, type: SHELL, dependsOn: [sub], command: 'echo got ${total}' }",
        '',
      ].join('\n'),
    });
    const { id } = await t.api.StartInstance({ workflow: 'lang-parent' });
    const done = await waitForEnd(t.api, id, 60_000);
    expect(done.state).toBe('SUCCESS');
    expect(done.tasks.find((x) => x.name === 'sub')?.outputs).toEqual({ total: '42' });
    const log = await t.api.GetTaskLog({ instance_id: id, task: 'use', attempt: 0 });
    expect(log.content).toContain('got 42');
  });
});
