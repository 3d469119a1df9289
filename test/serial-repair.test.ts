/**
 * Repairing runs of a serial (SERIAL_WAIT) definition: a recovered instance goes through the
 * coordinator again and never runs beside the slot's holder (S1), and a paused instance keeps
 * the slot until it is resumed and ends. Checked on the tasks' own record of when they ran.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overlaps, readIntervals, recordedCommand } from './support/execution-record.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

describe('repairing serial instances (S1)', () => {
  let t: TestCluster;
  let record: string;

  beforeAll(async () => {
    t = await startTestCluster('serial-repair', {
      layout: { masters: 2, workers: 2, coordinators: 1 },
    });
    record = join(t.dir, 'record.txt');
    const body = `sleep \${secs}; test ! -f ${t.dir}/\${tag}.broken`;
    await t.api.ApplyWorkflow({
      yaml: [
        'name: sr',
        'executionType: SERIAL_WAIT',
        'params: { secs: "1", tag: none }',
        'tasks:',
        `  - { name: a, type: SHELL, command: '${recordedCommand(record, body)}' }`,
      ].join('\n'),
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('a recovered instance waits for the holder and never runs beside it', async () => {
    writeFileSync(join(t.dir, 'A.broken'), '');
    const a = await t.api.StartInstance({ workflow: 'sr', params: { tag: 'A', secs: '0' } });
    expect((await waitForEnd(t.api, a.id)).state).toBe('FAILURE');
    const b = await t.api.StartInstance({ workflow: 'sr', params: { tag: 'B', secs: '4' } });
    await waitForInstance(t.api, b.id, (i) => i.state === 'RUNNING');
    rmSync(join(t.dir, 'A.broken'));
    await t.api.RecoverInstance({ id: a.id });
    const waiting = await waitForInstance(t.api, a.id, (i) => i.state === 'SERIAL_WAIT');
    expect(waiting.state).toBe('SERIAL_WAIT');
    expect((await waitForEnd(t.api, b.id, 60_000)).state).toBe('SUCCESS');
    expect((await waitForEnd(t.api, a.id, 60_000)).state).toBe('SUCCESS');
    expect(overlaps(readIntervals(record))).toEqual([]);
  });

  it('a paused instance keeps the slot; the next runs only after it resumed and ended', async () => {
    await t.api.ApplyWorkflow({
      yaml: [
        'name: sp',
        'executionType: SERIAL_WAIT',
        'params: { secs: "2" }',
        'tasks:',
        `  - { name: a, type: SHELL, command: '${recordedCommand(record, 'sleep ${secs}')}' }`,
        `  - { name: b, type: SHELL, command: 'true', dependsOn: [a] }`,
      ].join('\n'),
    });
    const b = await t.api.StartInstance({ workflow: 'sp' });
    await waitForInstance(t.api, b.id, (i) => i.state === 'RUNNING');
    await t.api.PauseInstance({ id: b.id });
    await waitForInstance(t.api, b.id, (i) => i.state === 'PAUSE');
    const c = await t.api.StartInstance({ workflow: 'sp', params: { secs: '0' } });
    await waitForInstance(t.api, c.id, (i) => i.state === 'SERIAL_WAIT');
    const serial = await t.api.GetSerialState({ workflow: 'sp', limit: 10 });
    expect(JSON.stringify(serial)).toContain(b.id);
    expect((await t.api.GetInstance({ id: c.id })).state).toBe('SERIAL_WAIT');
    await t.api.ResumeInstance({ id: b.id });
    expect((await waitForEnd(t.api, b.id, 60_000)).state).toBe('SUCCESS');
    expect((await waitForEnd(t.api, c.id, 60_000)).state).toBe('SUCCESS');
    expect(overlaps(readIntervals(record))).toEqual([]);
  });
});
