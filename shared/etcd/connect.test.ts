import { afterAll, describe, expect, it } from 'vitest';
import { etcdEndpoint, uniqueEtcdPrefix } from '../../test/support/test-env.js';
import { connectEtcd } from './connect.js';

describe('connectEtcd on a real etcd', () => {
  const main = connectEtcd([etcdEndpoint()]);
  const leases = connectEtcd([etcdEndpoint()], { ownConnection: true, callDeadlineMs: 2_000 });
  const prefix = uniqueEtcdPrefix('connect');
  afterAll(() => {
    main.close();
    leases.close();
  });

  it('a lease client on its own connection grants, keeps and revokes leases the main client sees', async () => {
    const lease = leases.lease(5, { autoKeepAlive: false });
    await lease.put(`${prefix}member`).value('m');
    expect(await main.get(`${prefix}member`).string()).toBe('m');
    await lease.revoke();
    expect(await main.get(`${prefix}member`).exists()).toBe(false);
  });
});
