import { afterAll, describe, expect, it } from 'vitest';
import { connectEtcd } from '../../shared/etcd/connect.js';
import { SerialKeys } from '../../shared/serial/serial-keys.js';
import { etcdEndpoint, uniqueEtcdPrefix } from '../../test/support/test-env.js';
import { SerialStore } from './serial-store.js';

describe('SerialStore.head on a real etcd', () => {
  const etcd = connectEtcd([etcdEndpoint()]);
  const keys = new SerialKeys(uniqueEtcdPrefix('serial-store'));
  const store = new SerialStore(etcd, keys);
  afterAll(() => etcd.close());

  async function put(...ids: string[]): Promise<void> {
    for (const id of ids) {
      await etcd
        .put(keys.queueEntry(0, 'wf', id))
        .value(
          JSON.stringify({
            instanceId: id,
            owner: 'm',
            epoch: '1',
            queuedAt: '',
            executionType: 'SERIAL_WAIT',
          }),
        )
        .exec();
    }
  }
  async function del(...ids: string[]): Promise<void> {
    for (const id of ids)
      await etcd
        .delete()
        .key(keys.queueEntry(0, 'wf', id))
        .exec();
  }
  const heads = async (n: number): Promise<string[]> =>
    (await store.head(0, 'wf', n)).map((e) => e.value.instanceId);

  it('always returns the lowest ids, whatever it read last time', async () => {
    expect(await heads(1)).toEqual([]);
    await put('10', '20');
    expect(await heads(1)).toEqual(['10']);
    await del('10');
    expect(await heads(1)).toEqual(['20']);
    await put('5'); // a late arrival with a lower id than the last head seen
    expect(await heads(1)).toEqual(['5']);
    await del('5', '20');
    await put('5000000000', '5000000001'); // far beyond every window past the last head
    expect(await heads(1)).toEqual(['5000000000']);
    await put('7');
    expect(await heads(3)).toEqual(['7', '5000000000', '5000000001']);
    expect(await heads(1)).toEqual(['7']);
  });
});
