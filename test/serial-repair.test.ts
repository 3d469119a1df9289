/**
 * Repairing runs of a serial (SERIAL_WAIT) definition: a recovered instance goes through the
 * coordinator again and never runs beside the slot's holder (S1), and a paused instance keeps
 * the slot until it is resumed and ends. An instance recovered, or resumed from STOP, re-enters
 * the queue at the tail (issue 14): it runs after the instances that waited before it (S3),
 * and `baton serial` shows it with its own id as a recovery. Checked on the tasks' own record of
 * when they ran.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliFor } from './support/cli-runner.js';
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

  describe('re-entry at the tail of the queue', () => {
    let tail: string;
    /** Creates `<tag>.hold`: that instance's task runs until `release(tag)`. */
    const hold = (tag: string): void => writeFileSync(join(t.dir, `${tag}.hold`), '');
    const release = (tag: string): void => rmSync(join(t.dir, `${tag}.hold`), { force: true });

    beforeAll(async () => {
      tail = join(t.dir, 'tail.txt');
      const body = [
        `while [ -f ${t.dir}/\${tag}.hold ]; do sleep 0.1; done`,
        `test ! -f ${t.dir}/\${tag}.broken`,
      ].join('; ');
      await t.api.ApplyWorkflow({
        yaml: [
          'name: st',
          'executionType: SERIAL_WAIT',
          'params: { tag: none }',
          'tasks:',
          `  - { name: a, type: SHELL, command: '${recordedCommand(tail, body)}' }`,
        ].join('\n'),
      });
    });

    // A failed test leaves nothing held for the next one.
    afterEach(() => ['A', 'B'].forEach(release));

    const start = async (tag: string): Promise<string> =>
      (await t.api.StartInstance({ workflow: 'st', params: { tag } })).id;

    /** Which instance each task run was, in the order they started, and that none overlapped. */
    function runOrder(): string[] {
      const intervals = readIntervals(tail);
      expect(overlaps(intervals)).toEqual([]);
      return intervals.map((i) => i.instance);
    }

    /** `baton serial st` (text and --json) while B holds the slot and C and A wait. */
    async function expectShownAsRecovery(a: string, b: string, c: string): Promise<void> {
      const cli = cliFor(t);
      const json = await cli('serial', 'st', '--json');
      expect(json.code, json.stderr).toBe(0);
      const state = JSON.parse(json.stdout) as {
        holder: { instanceId: string; recovery: boolean };
        waiting: { instanceId: string; position: number; recovery: boolean; round: number }[];
      };
      expect(state.holder).toMatchObject({ instanceId: b, recovery: false });
      expect(state.waiting).toMatchObject([
        { instanceId: c, position: 1, recovery: false, round: 0 },
        { instanceId: a, position: 2, recovery: true, round: 1 },
      ]);
      const text = await cli('serial', 'st');
      expect(text.code, text.stderr).toBe(0);
      const row = text.stdout.split('\n').find((line) => line.trim().split(/\s+/)[1] === a);
      expect(row, text.stdout).toContain('recovery (round 1)');
    }

    it('a recovered instance waits behind those queued before the recovery: B, C, then A', async () => {
      rmSync(tail, { force: true });
      writeFileSync(join(t.dir, 'A.broken'), '');
      const a = await start('A');
      expect((await waitForEnd(t.api, a)).state).toBe('FAILURE');
      hold('B');
      const b = await start('B');
      await waitForInstance(t.api, b, (i) => i.state === 'RUNNING');
      const c = await start('C');
      await waitForInstance(t.api, c, (i) => i.state === 'SERIAL_WAIT');
      rmSync(join(t.dir, 'A.broken'));
      await t.api.RecoverInstance({ id: a });
      await waitForInstance(t.api, a, (i) => i.state === 'SERIAL_WAIT');
      await expectShownAsRecovery(a, b, c);
      expect((await t.api.GetInstance({ id: c })).state).toBe('SERIAL_WAIT');
      release('B');
      for (const id of [b, c, a])
        expect((await waitForEnd(t.api, id, 60_000)).state).toBe('SUCCESS');
      // A's failed run first, then B, C and A's recovered run, one at a time.
      expect(runOrder()).toEqual([a, b, c, a]);
    });

    it('an instance resumed from STOP waits behind those queued before the resume: B, C, then A', async () => {
      rmSync(tail, { force: true });
      hold('A');
      const a = await start('A');
      await waitForInstance(t.api, a, (i) => i.state === 'RUNNING');
      hold('B');
      const b = await start('B');
      await waitForInstance(t.api, b, (i) => i.state === 'SERIAL_WAIT');
      await t.api.StopInstance({ id: a });
      expect((await waitForEnd(t.api, a)).state).toBe('STOP');
      await waitForInstance(t.api, b, (i) => i.state === 'RUNNING');
      const c = await start('C');
      await waitForInstance(t.api, c, (i) => i.state === 'SERIAL_WAIT');
      release('A');
      await t.api.ResumeInstance({ id: a });
      await waitForInstance(t.api, a, (i) => i.state === 'SERIAL_WAIT');
      await expectShownAsRecovery(a, b, c);
      release('B');
      for (const id of [b, c, a])
        expect((await waitForEnd(t.api, id, 60_000)).state).toBe('SUCCESS');
      // A's stopped run first, then B, C and A's resumed run (the killed task, a new attempt).
      expect(runOrder()).toEqual([a, b, c, a]);
    });

    it('a recovered instance keeps its place at the tail across a coordinator and master kill', async () => {
      rmSync(tail, { force: true });
      writeFileSync(join(t.dir, 'A.broken'), '');
      const a = await start('A');
      expect((await waitForEnd(t.api, a)).state).toBe('FAILURE');
      hold('B');
      const b = await start('B');
      await waitForInstance(t.api, b, (i) => i.state === 'RUNNING');
      const c = await start('C');
      await waitForInstance(t.api, c, (i) => i.state === 'SERIAL_WAIT');
      rmSync(join(t.dir, 'A.broken'));
      await t.api.RecoverInstance({ id: a });
      const waiting = await waitForInstance(t.api, a, (i) => i.state === 'SERIAL_WAIT');
      // The queue's coordinator and A's master die; a new coordinator takes the shard over from
      // etcd, and A's new owner asks again under A's ticket.
      const [coordinator] = t.cluster.ofRole('coordinator');
      process.kill(coordinator!.pid, 'SIGKILL');
      process.kill(t.cluster.get(waiting.owner).pid, 'SIGKILL');
      await t.cluster.restart(coordinator!.name);
      await t.cluster.restart(waiting.owner);
      await waitForInstance(t.api, a, (i) => i.owner_epoch !== waiting.owner_epoch, 60_000);
      release('B');
      for (const id of [b, c, a])
        expect((await waitForEnd(t.api, id, 90_000)).state).toBe('SUCCESS');
      expect(runOrder()).toEqual([a, b, c, a]);
    });
  });
});
