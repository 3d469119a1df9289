import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instance__Output } from '../shared/proto/gen/baton/v1/Instance.js';
import { codeOf } from './support/call-status.js';
import { rowCounts } from './support/row-counts.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

/** Small limits, so each test can stand exactly at one and one past it. */
const LIMITS = {
  MAX_DEFINITION_BYTES: '2048',
  MAX_TASKS_PER_DEFINITION: '3',
  MAX_COMMAND_BYTES: '64',
  MAX_PARAMS_BYTES: '32',
  MAX_PARAM_COUNT: '3',
  MAX_PENDING_STARTS: '3',
};

const task = (name: string, command = 'true') =>
  `  - { name: ${name}, type: SHELL, command: "${command}" }\n`;

/** A YAML definition of exactly `bytes` bytes (padded with a comment). */
function yamlOfSize(name: string, bytes: number): string {
  const body = `name: ${name}\ntasks:\n${task('a')}`;
  const padding = bytes - body.length - '#\n'.length;
  return `${body}#${'x'.repeat(padding)}\n`;
}

/**
 * A serial definition whose first instance holds the slot forever (its task's worker group has
 * no worker): every later start waits in SERIAL_WAIT, a pending start.
 */
const blocked = (name: string) =>
  `name: ${name}\nexecutionType: SERIAL_WAIT\ntasks:\n  - { name: a, type: SHELL, command: "true", workerGroup: nobody }\n`;

describe('api limits: over a limit is refused and writes nothing; at it is accepted', () => {
  let t: TestCluster;

  /** Runs a call that must be refused with `code` on `field`, and checks nothing was written. */
  async function refused(call: () => Promise<unknown>, code: status, field?: string) {
    const before = await rowCounts(t.db);
    const result = await codeOf(call());
    expect(result.code).toBe(code);
    if (field !== undefined) expect(result.field).toBe(field);
    expect(await rowCounts(t.db)).toEqual(before);
    return result;
  }

  beforeAll(async () => {
    t = await startTestCluster('api-limits', { env: LIMITS });
    await t.api.ApplyWorkflow({ yaml: `name: ok\ntasks:\n${task('a')}` });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('MAX_DEFINITION_BYTES: the YAML text', async () => {
    await refused(
      () => t.api.ApplyWorkflow({ yaml: yamlOfSize('big', 2049) }),
      status.INVALID_ARGUMENT,
      'yaml',
    );
    const atLimit = yamlOfSize('big', 2048);
    expect(Buffer.byteLength(atLimit)).toBe(2048);
    expect((await t.api.ApplyWorkflow({ yaml: atLimit })).version).toBe(1);
  });

  it('MAX_DEFINITION_BYTES: the serialized spec', async () => {
    const spec = (description: string) => ({
      spec: { name: 'big-spec', description, tasks: [{ name: 'a', type: 'SHELL', command: 'x' }] },
    });
    await refused(
      () => t.api.ApplyWorkflow(spec('d'.repeat(2100))),
      status.INVALID_ARGUMENT,
      'spec',
    );
    expect((await t.api.ApplyWorkflow(spec('d'.repeat(1000)))).version).toBe(1);
  });

  it('MAX_TASKS_PER_DEFINITION', async () => {
    const tasks = (n: number) =>
      `name: many\ntasks:\n${Array.from({ length: n }, (_, i) => task(`t${i}`)).join('')}`;
    const result = await refused(
      () => t.api.ApplyWorkflow({ yaml: tasks(4) }),
      status.INVALID_ARGUMENT,
      'tasks',
    );
    expect(result.message).toMatch(/at most 3 tasks/);
    expect((await t.api.ApplyWorkflow({ yaml: tasks(3) })).spec?.tasks).toHaveLength(3);
  });

  it('MAX_COMMAND_BYTES, per task command', async () => {
    const yaml = (bytes: number) =>
      `name: cmd\ntasks:\n${task('a')}${task('b', 'x'.repeat(bytes))}`;
    await refused(
      () => t.api.ApplyWorkflow({ yaml: yaml(65) }),
      status.INVALID_ARGUMENT,
      'tasks[1].command',
    );
    expect((await t.api.ApplyWorkflow({ yaml: yaml(64) })).version).toBe(1);
  });

  it('MAX_PARAMS_BYTES and MAX_PARAM_COUNT on a definition', async () => {
    const yaml = (params: string) => `name: params\nparams: { ${params} }\ntasks:\n${task('a')}`;
    // names and values: 1 + 31 = 32 bytes is the limit
    await refused(
      () => t.api.ApplyWorkflow({ yaml: yaml(`a: ${'v'.repeat(32)}`) }),
      status.INVALID_ARGUMENT,
      'params',
    );
    await refused(
      () => t.api.ApplyWorkflow({ yaml: yaml('a: 1, b: 2, c: 3, d: 4') }),
      status.INVALID_ARGUMENT,
      'params',
    );
    expect((await t.api.ApplyWorkflow({ yaml: yaml(`a: ${'v'.repeat(31)}`) })).version).toBe(1);
    expect((await t.api.ApplyWorkflow({ yaml: yaml('a: 1, b: 2, c: 3') })).version).toBe(2);
  });

  it('MAX_PARAMS_BYTES and MAX_PARAM_COUNT on a start', async () => {
    await refused(
      () => t.api.StartInstance({ workflow: 'ok', params: { a: 'v'.repeat(32) } }),
      status.INVALID_ARGUMENT,
      'params',
    );
    await refused(
      () => t.api.StartInstance({ workflow: 'ok', params: { a: '1', b: '2', c: '3', d: '4' } }),
      status.INVALID_ARGUMENT,
      'params',
    );
    const wide = await t.api.StartInstance({ workflow: 'ok', params: { a: 'v'.repeat(31) } });
    const many = await t.api.StartInstance({ workflow: 'ok', params: { a: '1', b: '2', c: '3' } });
    expect((await waitForEnd(t.api, wide.id)).state).toBe('SUCCESS');
    expect((await waitForEnd(t.api, many.id)).state).toBe('SUCCESS');
  });

  it('MAX_PENDING_STARTS: the start past it is RESOURCE_EXHAUSTED, a rerun too', async () => {
    await t.api.ApplyWorkflow({ yaml: blocked('queue') });
    const holder = await t.api.StartInstance({ workflow: 'queue' });
    await waitForInstance(t.api, holder.id, (i) => i.state === 'RUNNING');
    const waiting: Instance__Output[] = [];
    for (let i = 0; i < 3; i += 1) waiting.push(await t.api.StartInstance({ workflow: 'queue' }));
    // Settled, so the masters write no state change while the refused call is watched.
    for (const w of waiting) await waitForInstance(t.api, w.id, (i) => i.state === 'SERIAL_WAIT');
    const result = await refused(
      () => t.api.StartInstance({ workflow: 'queue' }),
      status.RESOURCE_EXHAUSTED,
    );
    expect(result.message).toMatch(/queue/);
    expect(result.message).toMatch(/MAX_PENDING_STARTS/);
    expect(result.message).toMatch(/3/);
    // A rerun goes through the same door: one freed place, one rerun, then refused again.
    await t.api.StopInstance({ id: waiting[0]!.id });
    await waitForEnd(t.api, waiting[0]!.id);
    const rerun = await t.api.RerunInstance({ id: waiting[0]!.id });
    expect(rerun.rerun_of).toBe(waiting[0]!.id);
    await waitForInstance(t.api, rerun.id, (i) => i.state === 'SERIAL_WAIT');
    await refused(() => t.api.RerunInstance({ id: waiting[0]!.id }), status.RESOURCE_EXHAUSTED);
  });

  it('MAX_PENDING_STARTS holds under concurrent starts through two api processes', async () => {
    await t.cluster.add('api');
    const apis = t.cluster.ofRole('api').map((a) => t.apiAt(a.address));
    expect(apis).toHaveLength(2);
    await t.api.ApplyWorkflow({ yaml: blocked('race') });
    const holder = await t.api.StartInstance({ workflow: 'race' });
    await waitForInstance(t.api, holder.id, (i) => i.state === 'RUNNING');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => apis[i % 2]!.StartInstance({ workflow: 'race' })),
    );
    const accepted = outcomes.filter((o) => o.status === 'fulfilled');
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    expect(accepted).toHaveLength(3);
    for (const r of rejected) {
      expect(((r.reason as Error).cause as { code?: number }).code).toBe(status.RESOURCE_EXHAUSTED);
    }
    const rows = await t.db
      .selectFrom('workflow_instances')
      .select(['id', 'state'])
      .where('workflow', '=', 'race')
      .execute();
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.state === 'SUBMITTED' || r.state === 'SERIAL_WAIT')).toHaveLength(
      3,
    );
  });
});
