import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overlaps, readIntervals, recordedCommand } from './support/execution-record.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

const byId = (a: string, b: string): number => Number(a) - Number(b);

describe('serial execution under concurrency and process deaths (3 masters, 2 coordinators, 2 apis)', () => {
  let t: TestCluster;

  beforeAll(async () => {
    t = await startTestCluster('serial-concurrency', {
      layout: { masters: 3, coordinators: 2, workers: 2 },
    });
    await t.cluster.add('api');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function define(name: string, body: string, extra = ''): Promise<string> {
    const record = join(t.dir, `${name}.record`);
    await t.api.ApplyWorkflow({
      yaml: `name: ${name}\nexecutionType: SERIAL_WAIT\n${extra}tasks:\n  - { name: a, type: SHELL, command: '${recordedCommand(record, body)}' }\n`,
    });
    return record;
  }

  it('20 instances started at the same moment through different apis and masters: one at a time, in id order', async () => {
    const record = await define('burst', 'sleep 0.1');
    const apis = t.cluster.ofRole('api').map((a) => t.apiAt(a.address));
    const started = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        apis[i % apis.length]!.StartInstance({ workflow: 'burst' }),
      ),
    );
    const ends = await Promise.all(started.map((s) => waitForEnd(t.api, s.id, 60_000)));
    expect(ends.every((e) => e.state === 'SUCCESS')).toBe(true);
    expect(new Set(ends.map((e) => e.owner)).size).toBeGreaterThan(1);
    const intervals = readIntervals(record);
    expect(overlaps(intervals)).toEqual([]);
    expect(intervals.map((i) => i.instance)).toEqual(started.map((s) => s.id).sort(byId));
  });

  it('a serial definition used as a sub-workflow by several parents at once: children never overlap', async () => {
    const record = await define('shared-child', 'sleep 0.2');
    await t.api.ApplyWorkflow({
      yaml: 'name: parent\ntasks:\n  - { name: c, type: SUB_WORKFLOW, workflow: shared-child }\n',
    });
    const parents = await Promise.all(
      Array.from({ length: 5 }, () => t.api.StartInstance({ workflow: 'parent' })),
    );
    const waiting = await waitForInstance(
      t.api,
      parents[4]!.id,
      (p) => (p.tasks[0]?.child_id ?? '') !== '',
    );
    expect(waiting.tasks[0]?.state).toBe('RUNNING');
    const ends = await Promise.all(parents.map((p) => waitForEnd(t.api, p.id, 60_000)));
    expect(ends.map((e) => e.state)).toEqual(parents.map(() => 'SUCCESS'));
    const children = ends.map((e) => e.tasks[0]!.child_id);
    const intervals = readIntervals(record);
    expect(overlaps(intervals)).toEqual([]);
    expect(intervals.map((i) => i.instance)).toEqual([...children].sort(byId));
  });

  it('a failing holder releases the slot; the next runs', async () => {
    const record = await define('fails', 'sleep 0.2; exit 1');
    const a = await t.api.StartInstance({ workflow: 'fails' });
    const b = await t.api.StartInstance({ workflow: 'fails' });
    const [endA, endB] = await Promise.all([waitForEnd(t.api, a.id), waitForEnd(t.api, b.id)]);
    expect([endA.state, endB.state]).toEqual(['FAILURE', 'FAILURE']);
    expect(readIntervals(record).map((i) => i.instance)).toEqual([a.id, b.id]);
  });

  it("the holder's master is killed: a survivor resumes the holder, the slot is kept, then handed on", async () => {
    const record = await define('master-dies', 'sleep 6');
    const a = await t.api.StartInstance({ workflow: 'master-dies' });
    const running = await waitForInstance(t.api, a.id, (i) => i.tasks[0]?.state === 'RUNNING');
    const b = await t.api.StartInstance({ workflow: 'master-dies' });
    await waitForInstance(t.api, b.id, (i) => i.state === 'SERIAL_WAIT');
    process.kill(t.cluster.get(running.owner).pid, 'SIGKILL');
    // The new owner keeps the slot: the coordinator records its name and epoch; B still waits.
    const resumed = await waitForInstance(t.api, a.id, (i) => i.owner !== running.owner, 30_000);
    await expect
      .poll(async () => (await t.api.GetSerialState({ workflow: 'master-dies' })).holder)
      .toMatchObject({ instance_id: a.id, owner: resumed.owner, epoch: resumed.owner_epoch });
    expect((await t.api.GetInstance({ id: b.id })).state).toBe('SERIAL_WAIT');
    const [endA, endB] = await Promise.all([waitForEnd(t.api, a.id), waitForEnd(t.api, b.id)]);
    expect([endA.state, endB.state]).toEqual(['SUCCESS', 'SUCCESS']);
    expect(endA.owner).not.toBe(running.owner);
    expect(endA.tasks.map((x) => x.attempt)).toEqual([1]);
    const intervals = readIntervals(record);
    expect(intervals.map((i) => i.instance)).toEqual([a.id, b.id]);
    expect(overlaps(intervals)).toEqual([]);
    await t.cluster.restart(running.owner);
  });

  it('the coordinator owning the definition is killed: another takes its shards and the queue moves on', async () => {
    const record = await define('coordinator-dies', 'sleep 1');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1)
      ids.push((await t.api.StartInstance({ workflow: 'coordinator-dies' })).id);
    const { coordinator } = await t.api.GetSerialState({ workflow: 'coordinator-dies' });
    // The last holder's Release is late (a loaded machine): its end is seen before the slot frees.
    t.setRacePoints({ 'serial.before-release': { scope: ids[2]!, ms: 1_000 } });
    process.kill(t.cluster.get(coordinator).pid, 'SIGKILL');
    const ends = await Promise.all(ids.map((id) => waitForEnd(t.api, id, 60_000)));
    expect(ends.map((e) => e.state)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    const intervals = readIntervals(record);
    expect(intervals.map((i) => i.instance)).toEqual(ids);
    expect(overlaps(intervals)).toEqual([]);
    // The slot is freed by the coordinator after the holder's end is committed (its master's
    // Release, or the reconciler when that message is lost), so for a moment the ended holder
    // still holds it. S2's bound for that: one SERIAL_RECONCILE_INTERVAL_MS (500 ms here) plus
    // the pass itself; 5 s leaves room for a loaded machine.
    await expect
      .poll(
        async () => {
          const after = await t.api.GetSerialState({ workflow: 'coordinator-dies' });
          return [after.coordinator === coordinator, after.holder, after.waiting_count];
        },
        { timeout: 5_000 },
      )
      .toEqual([false, null, '0']);
    await t.cluster.restart(coordinator);
  });
});
