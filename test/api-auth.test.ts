import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHOD_ROLES } from '../shared/auth/api-method-roles.js';
import { TOKEN_CACHE_MS } from '../shared/auth/token-authorizer.js';
import { ChannelPool, makeServiceClient } from '../shared/grpc/client.js';
import { batonProto } from '../shared/proto/load.js';
import { codeOf } from './support/call-status.js';
import { rowCounts } from './support/row-counts.js';
import { startTestCluster, waitForEnd, type TestCluster } from './support/test-cluster.js';
import type { BatonApiDefinition } from '../shared/proto/gen/baton/v1/BatonApi.js';
import type { BatonApiStreams } from '../shared/proto/streaming-methods.js';

const WORKFLOW = 'name: auth\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n';
const CHANGED = 'name: auth\ntasks:\n  - { name: b, type: SHELL, command: "true" }\n';

describe('api tokens and roles', () => {
  let t: TestCluster;
  let channels: ChannelPool;
  /** BatonApi and BatonAdmin at the cluster's api, calling with `token` (none if undefined). */
  const clientsWith = (token: string | undefined, address = t.cluster.api.address) => {
    const identity = token === undefined ? {} : { token };
    const channel = channels.get(address);
    return {
      api: makeServiceClient<BatonApiDefinition, BatonApiStreams>(
        batonProto().BatonApi.service,
        channel,
        identity,
      ),
      admin: makeServiceClient(batonProto().BatonAdmin.service, channel, identity),
    };
  };

  beforeAll(async () => {
    t = await startTestCluster('api-auth');
    channels = new ChannelPool(t.cluster.apiCredentials());
    await t.api.ApplyWorkflow({ yaml: WORKFLOW });
  });
  afterAll(async () => {
    channels?.close();
    await t?.dispose();
  });

  it('every public method has a role: a new RPC is closed until someone decides', () => {
    const methods = [batonProto().BatonApi.service, batonProto().BatonAdmin.service].flatMap(
      (service) => Object.values(service).map((m) => m.path),
    );
    expect(methods.filter((path) => API_METHOD_ROLES[path] === undefined)).toEqual([]);
  });

  it.each([
    ['no token', undefined],
    ['a token Baton never issued', 'baton_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])(
    '%s: UNAUTHENTICATED for reads, changes and admin calls, and nothing written',
    async (_, token) => {
      const before = await rowCounts(t.db);
      const { api, admin } = clientsWith(token);
      // Settled together, so no refusal is left unhandled while another is awaited.
      const refused = await Promise.all(
        [
          api.ListWorkflows({}),
          api.GetWorkflow({ name: 'auth', version: 0 }),
          api.ApplyWorkflow({ yaml: CHANGED }),
          api.StartInstance({ workflow: 'auth', params: {} }),
          api.ListInstances({ workflow: '', state: '', limit: 10 }),
          admin.CreateToken({ name: 'sneaky', role: 'admin' }),
          admin.ListTokens({}),
        ].map(codeOf),
      );
      expect(refused.map((r) => r.code)).toEqual(Array(7).fill(status.UNAUTHENTICATED));
      expect(await rowCounts(t.db)).toEqual(before);
    },
  );

  it('a malformed authorization header is UNAUTHENTICATED, not a crash', async () => {
    const { api } = clientsWith(`${t.adminToken} extra`);
    expect((await codeOf(api.ListWorkflows({}))).code).toBe(status.UNAUTHENTICATED);
  });

  it('a viewer reads but may not apply, start, stop or manage tokens; nothing written', async () => {
    const { id } = await t.api.StartInstance({ workflow: 'auth', params: {} });
    await waitForEnd(t.api, id);
    const { api, admin } = clientsWith(await t.issueToken('viewer'));
    expect((await api.GetInstance({ id })).id).toBe(id);
    expect((await api.ListWorkflows({})).workflows.map((w) => w.name)).toContain('auth');
    expect((await api.GetInstanceHistory({ id })).changes.length).toBeGreaterThan(0);
    expect((await api.GetTaskLog({ instance_id: id, task: 'a', attempt: 0 })).complete).toBe(true);

    const before = await rowCounts(t.db);
    const refusals = await Promise.all(
      [
        api.ApplyWorkflow({ yaml: CHANGED }),
        api.StartInstance({ workflow: 'auth', params: {} }),
        api.StopInstance({ id }),
        admin.CreateToken({ name: 'from-viewer', role: 'viewer' }),
        admin.ListTokens({}),
      ].map(codeOf),
    );
    expect(refusals).toHaveLength(5);
    for (const refused of refusals) {
      expect(refused.code).toBe(status.PERMISSION_DENIED);
      expect(refused.message).toMatch(/needs role (operator|admin).*has role viewer/);
    }
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('an operator applies, starts and stops, but may not manage tokens', async () => {
    const { api, admin } = clientsWith(await t.issueToken('operator'));
    expect((await api.ApplyWorkflow({ yaml: CHANGED })).version).toBe(2);
    const { id } = await api.StartInstance({ workflow: 'auth', params: {} });
    expect((await waitForEnd(api, id)).state).toBe('SUCCESS');
    expect((await codeOf(admin.ListTokens({}))).code).toBe(status.PERMISSION_DENIED);
    expect((await codeOf(admin.RevokeToken({ name: 'test-admin' }))).code).toBe(
      status.PERMISSION_DENIED,
    );
  });

  it('an admin creates a token whose secret is shown once and stored only as a hash', async () => {
    const { admin } = clientsWith(t.adminToken);
    const created = await admin.CreateToken({ name: 'ci-bot', role: 'operator' });
    expect(created.secret).toMatch(/^baton_[A-Za-z0-9_-]{43}$/);
    expect(created.token).toMatchObject({
      name: 'ci-bot',
      role: 'operator',
      created_by: 'test-admin',
    });

    const { tokens } = await admin.ListTokens({});
    expect(tokens.map((x) => x.name)).toContain('ci-bot');
    expect(JSON.stringify(tokens)).not.toContain(created.secret);
    const stored = await t.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(created.secret);

    const { api } = clientsWith(created.secret);
    expect((await api.ListWorkflows({})).workflows.length).toBeGreaterThan(0);

    const audited = await t.db
      .selectFrom('audit_events')
      .select(['actor', 'action', 'target_kind', 'target'])
      .where('target_kind', '=', 'token')
      .execute();
    expect(audited).toContainEqual({
      actor: 'test-admin',
      action: 'token.create',
      target_kind: 'token',
      target: 'ci-bot',
    });
  });

  it('token management refuses bad input with the field, duplicates and unknown names', async () => {
    const { admin } = clientsWith(t.adminToken);
    const before = await rowCounts(t.db);
    const badRole = await codeOf(admin.CreateToken({ name: 'x', role: 'root' }));
    expect(badRole).toMatchObject({ code: status.INVALID_ARGUMENT, field: 'role' });
    const badName = await codeOf(admin.CreateToken({ name: 'has space', role: 'viewer' }));
    expect(badName).toMatchObject({ code: status.INVALID_ARGUMENT, field: 'name' });
    const taken = await codeOf(admin.CreateToken({ name: 'test-admin', role: 'viewer' }));
    expect(taken.code).toBe(status.ALREADY_EXISTS);
    expect((await codeOf(admin.RevokeToken({ name: 'nobody' }))).code).toBe(status.NOT_FOUND);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('a revoked token stops working at once on its api, and within the cache time on another', async () => {
    const second = await t.cluster.add('api');
    const secret = await t.issueToken('viewer', 'short-lived');
    const here = clientsWith(secret).api;
    const there = clientsWith(secret, second.address).api;
    await here.ListWorkflows({});
    await there.ListWorkflows({});

    const revoked = await clientsWith(t.adminToken).admin.RevokeToken({ name: 'short-lived' });
    expect(revoked.revoked_at).not.toBe('');
    const audited = await t.db
      .selectFrom('audit_events')
      .select(['actor', 'action'])
      .where('target', '=', 'short-lived')
      .execute();
    expect(audited).toEqual([{ actor: 'test-admin', action: 'token.revoke' }]);
    expect((await codeOf(here.ListWorkflows({}))).code).toBe(status.UNAUTHENTICATED);
    await expect
      .poll(async () => (await codeOf(there.ListWorkflows({}))).code, {
        timeout: TOKEN_CACHE_MS + 3_000,
        interval: 200,
      })
      .toBe(status.UNAUTHENTICATED);
    const again = await codeOf(
      clientsWith(t.adminToken).admin.RevokeToken({ name: 'short-lived' }),
    );
    expect(again.code).toBe(status.FAILED_PRECONDITION);
  });
});
