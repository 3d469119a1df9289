import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServiceClient, ChannelPool } from '../shared/grpc/client.js';
import { batonProto } from '../shared/proto/load.js';
import { rowCounts } from './support/row-counts.js';
import { codeOf } from './support/call-status.js';
import { startTestCluster, waitForEnd, type TestCluster } from './support/test-cluster.js';

describe('bad input gets a clear status and writes nothing', () => {
  let t: TestCluster;

  beforeAll(async () => {
    t = await startTestCluster('api-validation');
    await t.api.ApplyWorkflow({
      yaml: 'name: ok\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n',
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.each([
    ['no source at all', {}, 'source'],
    [
      'a dependency cycle',
      {
        yaml: 'name: c\ntasks:\n  - { name: a, type: SHELL, command: x, dependsOn: [b] }\n  - { name: b, type: SHELL, command: x, dependsOn: [a] }\n',
      },
      'tasks[0].dependsOn',
    ],
    [
      'an unknown dependency',
      { yaml: 'name: c\ntasks:\n  - { name: a, type: SHELL, command: x, dependsOn: [nope] }\n' },
      'tasks[0].dependsOn[0]',
    ],
    [
      'a duplicate task name',
      {
        yaml: 'name: c\ntasks:\n  - { name: a, type: SHELL, command: x }\n  - { name: a, type: SHELL, command: y }\n',
      },
      'tasks[1].name',
    ],
    [
      'an empty command',
      { yaml: 'name: c\ntasks:\n  - { name: a, type: SHELL, command: "  " }\n' },
      'tasks[0].command',
    ],
    [
      'a bad duration',
      { yaml: 'name: c\ntimeout: 5x\ntasks:\n  - { name: a, type: SHELL, command: x }\n' },
      'timeout',
    ],
    [
      'an unknown enum value',
      {
        yaml: 'name: c\nexecutionType: SOMETIMES\ntasks:\n  - { name: a, type: SHELL, command: x }\n',
      },
      'executionType',
    ],
    [
      'an unknown sub-workflow',
      { yaml: 'name: c\ntasks:\n  - { name: a, type: SUB_WORKFLOW, workflow: ghost }\n' },
      'tasks[0].workflow',
    ],
    [
      'a sub-workflow that includes itself',
      { yaml: 'name: c\ntasks:\n  - { name: a, type: SUB_WORKFLOW, workflow: c }\n' },
      'tasks[0].workflow',
    ],
    [
      'an oversized document',
      { yaml: `name: c\ndescription: "${'x'.repeat(1100 * 1024)}"\ntasks: []\n` },
      'yaml',
    ],
    ['YAML that does not parse', { yaml: 'name: [unclosed\n' }, 'yaml'],
    [
      'a bad enum in the gRPC spec form',
      {
        spec: {
          name: 'c',
          execution_type: 'BOTH',
          tasks: [{ name: 'a', type: 'SHELL', command: 'x' }],
        },
      },
      'executionType',
    ],
    [
      'an unknown task type in the gRPC spec form',
      { spec: { name: 'c', tasks: [{ name: 'a', type: 'PYTHON', command: 'x' }] } },
      'tasks[0].type',
    ],
  ])(
    'ApplyWorkflow rejects %s with INVALID_ARGUMENT naming the field',
    async (_what, request, field) => {
      const before = await rowCounts(t.db);
      const result = await codeOf(t.api.ApplyWorkflow(request));
      expect(result.code).toBe(status.INVALID_ARGUMENT);
      expect(result.field).toBe(field);
      expect(await rowCounts(t.db)).toEqual(before);
    },
  );

  it('a self-inclusion through another definition is rejected (A -> B -> A)', async () => {
    await t.api.ApplyWorkflow({
      yaml: 'name: loop-a\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n',
    });
    await t.api.ApplyWorkflow({
      yaml: 'name: loop-b\ntasks:\n  - { name: b, type: SUB_WORKFLOW, workflow: loop-a }\n',
    });
    const before = await rowCounts(t.db);
    const result = await codeOf(
      t.api.ApplyWorkflow({
        yaml: 'name: loop-a\ntasks:\n  - { name: a, type: SUB_WORKFLOW, workflow: loop-b }\n',
      }),
    );
    expect([result.code, result.field]).toEqual([status.INVALID_ARGUMENT, 'tasks[0].workflow']);
    expect(result.message).toMatch(/loop-a/);
    expect(await rowCounts(t.db)).toEqual(before);
    expect((await t.api.GetWorkflow({ name: 'loop-a', version: 0 })).version).toBe(1);
  });

  it('the gRPC spec form stores the same definition as YAML, and applying again makes a new version', async () => {
    const applied = await t.api.ApplyWorkflow({
      spec: {
        name: 'spec-form',
        tasks: [
          { name: 'a', type: 'SHELL', command: 'echo hi', retries: 1, retry_interval: '90s' },
        ],
      },
    });
    expect(applied.version).toBe(1);
    expect(applied.spec?.tasks[0]).toMatchObject({
      name: 'a',
      retries: 1,
      retry_interval: '1m30s',
      worker_group: 'default',
    });
    const again = await t.api.ApplyWorkflow({
      yaml: 'name: spec-form\ntasks:\n  - { name: a, type: SHELL, command: "echo hi" }\n',
    });
    expect(again.version).toBe(2);
    expect(
      (await t.api.GetWorkflow({ name: 'spec-form', version: 1 })).spec?.tasks[0]?.retries,
    ).toBe(1);
  });

  it.each([
    ['an unknown workflow', { workflow: 'ghost' }, status.NOT_FOUND, undefined],
    ['a malformed workflow name', { workflow: 'bad name!' }, status.INVALID_ARGUMENT, 'workflow'],
    [
      'a malformed parameter name',
      { workflow: 'ok', params: { 'bad name': 'x' } },
      status.INVALID_ARGUMENT,
      'params.bad name',
    ],
    [
      'a reserved parameter name',
      { workflow: 'ok', params: { 'system.task.name': 'x' } },
      status.INVALID_ARGUMENT,
      'params.system.task.name',
    ],
  ])('StartInstance rejects %s', async (_what, request, code, field) => {
    const before = await rowCounts(t.db);
    const result = await codeOf(t.api.StartInstance(request));
    expect([result.code, result.field]).toEqual([code, field]);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it.each([
    ['a date alone', '2026-03-01', /a date alone .*not accepted/],
    ['a time without a zone', '2026-03-01T00:00:00', /without Z or an offset/],
    ['a space for the T', '2026-03-01 00:00:00Z', /RFC 3339/],
    ['an offset without a colon', '2026-03-01T00:00:00+0200', /RFC 3339/],
    ['epoch milliseconds', '1772323200000', /RFC 3339/],
    ['words', 'yesterday', /RFC 3339/],
    ['a day that does not exist', '2026-02-30T00:00:00Z', /day must be 01 to 28/],
    ['hour 24', '2026-03-01T24:00:00Z', /hour must be 00 to 23/],
    ['a leap second', '2016-12-31T23:59:60Z', /leap seconds/],
    ['a year MySQL cannot store', '0999-12-31T00:00:00Z', /from 1000-01-01/],
  ])(
    'StartInstance rejects %s as schedule_time, naming the field, and writes nothing',
    async (_what, scheduleTime, message) => {
      const before = await rowCounts(t.db);
      const result = await codeOf(
        t.api.StartInstance({ workflow: 'ok', schedule_time: scheduleTime }),
      );
      expect([result.code, result.field]).toEqual([status.INVALID_ARGUMENT, 'schedule_time']);
      expect(result.message).toMatch(message);
      expect(result.message).toContain(`got "${scheduleTime}"`);
      expect(await rowCounts(t.db)).toEqual(before);
    },
  );

  it('schedule_time is checked before the workflow is looked up', async () => {
    const result = await codeOf(
      t.api.StartInstance({ workflow: 'ghost', schedule_time: '2026-03-01' }),
    );
    expect([result.code, result.field]).toEqual([status.INVALID_ARGUMENT, 'schedule_time']);
  });

  it.each([
    ['Z', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00.000Z'],
    ['a positive offset', '2026-03-01T02:00:00+02:00', '2026-03-01T00:00:00.000Z'],
    ['a negative offset', '2026-02-28T19:30:00-04:30', '2026-03-01T00:00:00.000Z'],
    ['milliseconds', '2026-03-01T00:00:00.250Z', '2026-03-01T00:00:00.250Z'],
    ['lower-case t and z', '2026-03-01t00:00:00z', '2026-03-01T00:00:00.000Z'],
  ])(
    'StartInstance accepts schedule_time with %s and stores it as UTC',
    async (_what, given, utc) => {
      const started = await t.api.StartInstance({ workflow: 'ok', schedule_time: given });
      expect(started.schedule_time).toBe(utc);
      expect((await t.api.GetInstance({ id: started.id })).schedule_time).toBe(utc);
      const row = await t.db
        .selectFrom('workflow_instances')
        .select('schedule_time')
        .where('id', '=', started.id)
        .executeTakeFirstOrThrow();
      expect(row.schedule_time?.toISOString()).toBe(utc);
    },
  );

  it('StartInstance without schedule_time runs as the time it was recorded', async () => {
    const started = await t.api.StartInstance({ workflow: 'ok' });
    expect(started.schedule_time).not.toBe('');
    expect(started.schedule_time).toBe(started.created_at);
  });

  it('queries validate ids, filters and limits', async () => {
    expect(await codeOf(t.api.GetInstance({ id: 'abc' }))).toMatchObject({
      code: status.INVALID_ARGUMENT,
      field: 'id',
    });
    expect(await codeOf(t.api.GetInstance({ id: '' }))).toMatchObject({
      code: status.INVALID_ARGUMENT,
      field: 'id',
    });
    expect(await codeOf(t.api.GetInstance({ id: '987654321' }))).toMatchObject({
      code: status.NOT_FOUND,
    });
    expect(await codeOf(t.api.ListInstances({ state: 'BOGUS' }))).toMatchObject({
      code: status.INVALID_ARGUMENT,
      field: 'state',
    });
    expect(await codeOf(t.api.ListInstances({ limit: 5000 }))).toMatchObject({
      code: status.INVALID_ARGUMENT,
      field: 'limit',
    });
    expect(await codeOf(t.api.GetWorkflow({ name: 'ghost' }))).toMatchObject({
      code: status.NOT_FOUND,
    });
    expect(await codeOf(t.api.GetWorkflow({ name: 'ok', version: 7 }))).toMatchObject({
      code: status.NOT_FOUND,
    });
    expect(await codeOf(t.api.StopInstance({ id: '987654321' }))).toMatchObject({
      code: status.NOT_FOUND,
    });
  });

  it('stopping an ended instance is FAILED_PRECONDITION; logs of an unknown task are NOT_FOUND', async () => {
    const { id } = await t.api.StartInstance({ workflow: 'ok' });
    await waitForEnd(t.api, id);
    expect(await codeOf(t.api.StopInstance({ id }))).toMatchObject({
      code: status.FAILED_PRECONDITION,
    });
    expect(await codeOf(t.api.GetTaskLog({ instance_id: id, task: 'nope' }))).toMatchObject({
      code: status.NOT_FOUND,
    });
    expect((await t.api.GetTaskLog({ instance_id: id, task: 'a' })).complete).toBe(true);
  });

  it('internal services validate their input too (a worker report with a malformed epoch)', async () => {
    // A report comes from a worker and a dispatch from a master: each as that role.
    const asWorker = new ChannelPool(await t.cluster.clientCredentials('worker'));
    const asMaster = new ChannelPool(await t.cluster.clientCredentials('master'));
    try {
      const master = makeServiceClient(
        batonProto().Master.service,
        asWorker.get(t.cluster.ofRole('master')[0]!.address),
      );
      const result = await codeOf(
        master.ReportTask({
          task_instance_id: '1',
          instance_id: '1',
          epoch: 'soon',
          state: 'SUCCESS',
        }),
      );
      expect([result.code, result.field]).toEqual([status.INVALID_ARGUMENT, 'epoch']);
      const worker = makeServiceClient(
        batonProto().Worker.service,
        asMaster.get(t.cluster.ofRole('worker')[0]!.address),
      );
      const bad = await codeOf(
        worker.RunTask({
          task_instance_id: 'x',
          instance_id: '1',
          epoch: '1',
          owner_address: 'a:1',
          command: 'true',
        }),
      );
      expect([bad.code, bad.field]).toEqual([status.INVALID_ARGUMENT, 'task_instance_id']);
    } finally {
      asWorker.close();
      asMaster.close();
    }
  });
});
