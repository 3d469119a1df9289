import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, waitForEnd, type TestCluster } from './support/test-cluster.js';

/**
 * A process starved past its lease TTL while starting (a loaded CI machine: the suite's
 * clusters use a 3 s TTL) used to fail its start with "requested lease not found". It must
 * register under a new lease instead, as after any lease loss, and then work.
 */
describe('a lease lost while a process starts', () => {
  let t: TestCluster;

  beforeAll(async () => {
    t = await startTestCluster('lease-at-start', { layout: { workers: 0 } });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('a worker blocked past its TTL before registering still joins and runs tasks', async () => {
    // The whole process is blocked (no keep-alive runs) for longer than the 3 s TTL.
    t.setRacePoints({
      'runtime.before-register': { scope: 'starved-worker', ms: 4_500, block: true },
    });
    await t.cluster.add('worker', 'starved-worker');
    const members = await t.api.ListMembers({});
    expect(members.members.filter((m) => m.role === 'worker').map((m) => m.name)).toEqual([
      'starved-worker',
    ]);
    await t.api.ApplyWorkflow({
      yaml: 'name: after-starvation\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n',
    });
    const { id } = await t.api.StartInstance({ workflow: 'after-starvation' });
    expect((await waitForEnd(t.api, id)).state).toBe('SUCCESS');
  });
});
