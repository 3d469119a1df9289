import { afterAll, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../shared/errors.js';
import { connectEtcd } from '../../shared/etcd/connect.js';
import { createLogger } from '../../shared/log.js';
import { SerialKeys } from '../../shared/serial/serial-keys.js';
import { etcdEndpoint, uniqueEtcdPrefix } from '../../test/support/test-env.js';
import type { HandOff } from './hand-off.js';
import type { InstanceStates } from './instance-states.js';
import type { MasterNotifier } from './master-notifier.js';
import { SerialOperations } from './serial-operations.js';
import { SerialStore } from './serial-store.js';
import type { ShardKeeper } from './shard-keeper.js';

/**
 * Found by the chaos run (test/chaos): a coordinator that lost a shard while an Enqueue was
 * under way (rebalanced away after a peer restarted) answered QUEUED although its fenced write
 * of the queue entry had failed; the instance waited in a queue it was not in while later ones
 * ran (S3), until its master asked again 30 s later.
 */
describe('SerialOperations.enqueue on a real etcd', () => {
  const etcd = connectEtcd([etcdEndpoint()]);
  const keys = new SerialKeys(uniqueEtcdPrefix('serial-operations'));
  const store = new SerialStore(etcd, keys);
  afterAll(() => etcd.close());

  /** Operations whose shard fence is the claim at `revision`; nothing else is reached. */
  function operations(revision: bigint): SerialOperations {
    const keeper = { fenceFor: () => ({ shard: 0, revision }) } as unknown as ShardKeeper;
    const unused = {} as unknown;
    return new SerialOperations(
      keeper,
      store,
      unused as InstanceStates,
      unused as HandOff,
      unused as MasterNotifier,
      () => {},
      createLogger('coordinator', 'test', 'silent'),
    );
  }

  it('fails UNAVAILABLE, not QUEUED, when the shard moved and the entry was not written', async () => {
    // Another coordinator's claim on shard 0: this one's fence (revision 1) is stale.
    await etcd.put(keys.shard(0)).value('coordinator-other').exec();
    const enqueue = operations(1n).enqueue({
      workflow: 'wf',
      instanceId: '42',
      ticket: '42',
      round: 0,
      executionType: 'SERIAL_WAIT',
      owner: 'master-1',
      epoch: 7n,
    });
    await expect(enqueue).rejects.toBeInstanceOf(UnavailableError);
    expect(await store.entry(0, 'wf', '42')).toBeUndefined();
  });
});
