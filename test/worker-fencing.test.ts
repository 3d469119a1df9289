import { status } from '@grpc/grpc-js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelPool, makeServiceClient } from '../shared/grpc/client.js';
import { batonProto } from '../shared/proto/load.js';
import { statusCodeOf } from './support/call-status.js';
import { readIntervals, recordedCommand } from './support/execution-record.js';
import { startTestCluster, waitForInstance, type TestCluster } from './support/test-cluster.js';

/**
 * A worker starts a task only for the instance's current owner, as etcd records it, and only
 * if it is the incarnation the master meant. Both were found by the chaos run (test/chaos): a
 * master paused past its lease sent, once resumed, a dispatch it had prepared before, and a
 * worker restarted at the same address took a dispatch meant for the process that had died
 * there; each time the task ran beside its retry.
 */
describe('worker fencing of RunTask', () => {
  let t: TestCluster;
  /** Dispatches as a master does (its certificate has the master role). */
  let channels: ChannelPool | undefined;

  beforeAll(async () => {
    t = await startTestCluster('worker-fencing');
    channels = new ChannelPool(await t.cluster.clientCredentials('master'));
  });
  afterAll(async () => {
    channels?.close();
    await t?.dispose();
  });

  it('starts nothing for a stale epoch or another incarnation, and starts a task of the owner', async () => {
    const record = join(t.dir, 'record.txt');
    await t.api.ApplyWorkflow({
      yaml: `name: held\ntasks:\n  - { name: a, type: SHELL, command: 'sleep 30' }\n`,
    });
    const { id } = await t.api.StartInstance({ workflow: 'held' });
    const running = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    const [member] = (await t.api.ListMembers({})).members.filter((m) => m.role === 'worker');
    const worker = makeServiceClient(batonProto().Worker.service, channels!.get(member!.address));
    const epoch = BigInt(running.owner_epoch);
    const dispatch = (taskId: string, e: bigint, startedAt: string) =>
      worker.RunTask({
        task_instance_id: taskId,
        instance_id: id,
        epoch: e.toString(),
        owner: running.owner,
        owner_address: '127.0.0.1:1',
        task_name: 'probe',
        attempt: 1,
        command: recordedCommand(record, 'true'),
        worker_started_at: startedAt,
      });

    expect(await statusCodeOf(dispatch('900001', epoch - 1n, member!.started_at))).toBe(
      status.FAILED_PRECONDITION,
    );
    expect(await statusCodeOf(dispatch('900002', epoch, '2000-01-01T00:00:00.000Z'))).toBe(
      status.FAILED_PRECONDITION,
    );
    expect(readIntervals(record)).toEqual([]);
    // The owner's own dispatch, to this incarnation, runs.
    expect(await statusCodeOf(dispatch('900003', epoch, member!.started_at))).toBe(status.OK);
    await expect.poll(() => readIntervals(record).length).toBe(1);
    await t.api.StopInstance({ id });
  });
});
