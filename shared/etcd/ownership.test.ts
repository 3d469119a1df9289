import { afterAll, describe, expect, it } from 'vitest';
import { etcdEndpoint, uniqueEtcdPrefix } from '../../test/support/test-env.js';
import { EtcdBulkhead } from './bulkhead.js';
import { connectEtcd } from './connect.js';
import { EtcdKeys } from './keys.js';
import { readOwnership, readOwnerships } from './ownership.js';

describe('readOwnerships on a real etcd', () => {
  const etcd = connectEtcd([etcdEndpoint()]);
  const keys = new EtcdKeys(uniqueEtcdPrefix('ownership'));
  const bulk = new EtcdBulkhead(2, 10);
  afterAll(() => etcd.close());

  it('reads the owner keys of given instances in batched transactions; absent ones are absent', async () => {
    // 250 asked: three transactions of at most 100 reads (etcd allows 128 operations).
    const asked = Array.from({ length: 250 }, (_, i) => String(1000 + i));
    for (const id of asked.slice(0, 220)) await etcd.put(keys.owner(id)).value(`m-${id}`).exec();
    const owners = await readOwnerships(etcd, keys, asked, bulk);
    expect(owners.size).toBe(220);
    expect(owners.get('1219')?.holder).toBe('m-1219');
    expect(owners.has('1220')).toBe(false);
    expect(owners.get('1105')).toEqual(await readOwnership(etcd, keys, '1105'));
    expect(await readOwnerships(etcd, keys, [], bulk)).toEqual(new Map());
  });
});
