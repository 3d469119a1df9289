import { afterAll, describe, expect, it } from 'vitest';
import { etcdEndpoint, uniqueEtcdPrefix } from '../../test/support/test-env.js';
import { connectEtcd } from './connect.js';
import { EtcdKeys } from './keys.js';
import { listOwnerships, readOwnerships } from './ownership.js';

describe('listOwnerships on a real etcd', () => {
  const etcd = connectEtcd([etcdEndpoint()]);
  const keys = new EtcdKeys(uniqueEtcdPrefix('ownership'));
  afterAll(() => etcd.close());

  it('reads every owner key across pages, and nothing outside the owners prefix', async () => {
    const ids = Array.from({ length: 11 }, (_, i) => String(100 + i));
    for (const id of ids) await etcd.put(keys.owner(id)).value(`master-${id}`).exec();
    // A key sorting right after the owners range must not be read as an owner.
    await etcd
      .put(`${keys.owners().slice(0, -1)}0`)
      .value('not an owner')
      .exec();

    // Pages of 3: 11 keys take 4 reads, each starting after the last key of the one before.
    const owners = await listOwnerships(etcd, keys, 3);
    expect([...owners.keys()].sort()).toEqual(ids);
    expect(owners.get('107')?.holder).toBe('master-107');
    expect(await listOwnerships(etcd, keys, 11)).toEqual(owners);
  });

  it('reads the owner keys of given instances in batched transactions; absent ones are absent', async () => {
    const asked = [...Array.from({ length: 150 }, (_, i) => String(1000 + i)), '105', '106'];
    for (const id of asked.slice(0, 120)) await etcd.put(keys.owner(id)).value('m').exec();
    const owners = await readOwnerships(etcd, keys, asked);
    expect(owners.size).toBe(122);
    expect(owners.has('1119')).toBe(true);
    expect(owners.has('1120')).toBe(false);
    expect(owners.get('105')?.holder).toBe('master-105');
    expect(owners.get('105')?.epoch).toBe((await listOwnerships(etcd, keys)).get('105')?.epoch);
  });
});
