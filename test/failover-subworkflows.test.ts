import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readIntervals, recordedCommand } from './support/execution-record.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

/**
 * F2, exactly one child: whatever masters die and in whatever order, each (parent, task,
 * attempt) has one child instance, the parent ends SUCCESS, and the child's shell task ran
 * once (DolphinScheduler #16767 started a second child on failover).
 */
describe('sub-workflows across master failover', () => {
  let t: TestCluster | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  async function setUp(
    label: string,
    masters: number,
    childSeconds = 3,
  ): Promise<{ t: TestCluster; record: string }> {
    t = await startTestCluster(label, { layout: { masters, workers: 1 } });
    const record = join(t.dir, 'record.txt');
    await t.api.ApplyWorkflow({
      yaml: `name: child\ntasks:\n  - { name: c, type: SHELL, command: '${recordedCommand(record, `sleep ${childSeconds}`)}' }\n`,
    });
    await t.api.ApplyWorkflow({
      yaml: 'name: parent\ntasks:\n  - { name: sub, type: SUB_WORKFLOW, workflow: child }\n',
    });
    return { t, record };
  }

  async function expectExactlyOnce(
    t: TestCluster,
    record: string,
    parentId: string,
  ): Promise<void> {
    const done = await waitForEnd(t.api, parentId, 60_000);
    expect([done.state, done.tasks.map((x) => [x.attempt, x.state])]).toEqual([
      'SUCCESS',
      [[1, 'SUCCESS']],
    ]);
    const children = await t.db
      .selectFrom('workflow_instances')
      .select(['id', 'state'])
      .where('parent_instance_id', '=', parentId)
      .execute();
    expect(children).toEqual([{ id: done.tasks[0]!.child_id, state: 'SUCCESS' }]);
    expect(readIntervals(record).filter((i) => i.instance === children[0]!.id)).toHaveLength(1);
  }

  it('parent and child on the same dead master: one child, re-attached, run once', async () => {
    const { t, record } = await setUp('f2-same-master', 1);
    const parent = await t.api.StartInstance({ workflow: 'parent' });
    const running = await waitForInstance(
      t.api,
      parent.id,
      (p) => (p.tasks[0]?.child_id ?? '') !== '',
    );
    const child = await waitForInstance(
      t.api,
      running.tasks[0]!.child_id,
      (c) => c.tasks[0]?.state === 'RUNNING',
    );
    expect(child.owner).toBe('master-1');
    await t.cluster.add('master');
    process.kill(t.cluster.get('master-1').pid, 'SIGKILL');
    await expectExactlyOnce(t, record, parent.id);
  });

  it("a child still SUBMITTED (its push held) when the parent's master dies: found again, not made twice", async () => {
    const { t, record } = await setUp('f2-submitted-child', 1);
    t.setRacePoints({ 'master.before-submit-child': { scope: 'child', ms: 60_000 } });
    const parent = await t.api.StartInstance({ workflow: 'parent' });
    const running = await waitForInstance(
      t.api,
      parent.id,
      (p) => (p.tasks[0]?.child_id ?? '') !== '',
    );
    expect((await t.api.GetInstance({ id: running.tasks[0]!.child_id })).state).toBe('SUBMITTED');
    await t.cluster.add('master');
    process.kill(t.cluster.get('master-1').pid, 'SIGKILL');
    t.setRacePoints({});
    await expectExactlyOnce(t, record, parent.id);
  });

  it('parent and child on two masters killed in either order: one child each, run once', async () => {
    const { t, record } = await setUp('f2-two-masters', 2, 10);
    // Place parents until both cross placements exist: (parent on 1, child on 2) and (2, 1).
    const pairs = new Map<string, string>();
    for (let i = 0; i < 20 && pairs.size < 2; i += 1) {
      const parent = await t.api.StartInstance({ workflow: 'parent' });
      const p = await waitForInstance(t.api, parent.id, (x) => (x.tasks[0]?.child_id ?? '') !== '');
      const c = await waitForInstance(t.api, p.tasks[0]!.child_id, (x) => x.owner !== '');
      if (p.owner !== c.owner && !pairs.has(p.owner)) pairs.set(p.owner, parent.id);
    }
    expect([...pairs.keys()].sort()).toEqual(['master-1', 'master-2']);
    await t.cluster.add('master');
    // master-1 dies first: for one pair that is the parent's master, for the other the child's;
    // then master-2, which may by then also own what it adopted from master-1.
    process.kill(t.cluster.get('master-1').pid, 'SIGKILL');
    for (const parent of pairs.values()) {
      await waitForInstance(t.api, parent, (p) => p.owner !== 'master-1', 30_000);
    }
    process.kill(t.cluster.get('master-2').pid, 'SIGKILL');
    const parents = (await t.api.ListInstances({ workflow: 'parent', limit: 100 })).instances;
    for (const p of parents) await expectExactlyOnce(t, record, p.id);
  });
});
