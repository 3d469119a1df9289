/**
 * Alert channels' input (issue 16): the SSRF refusal, bad input naming the field, nothing
 * written then, the secret never returned, admins only, audit rows, and the CLI.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { ALERT_ENV, ALL, definition, SECRET } from './support/alert-fixtures.js';
import { codeOf } from './support/call-status.js';
import { cliFor } from './support/cli-runner.js';
import { startTestCluster, type TestCluster } from './support/test-cluster.js';

describe('alert channels', () => {
  let t: TestCluster | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('refuses what it must, naming the field, and writes nothing then', async () => {
    t = await startTestCluster('alerts-input', { env: ALERT_ENV });
    const create = (name: string, webhook: string, secret = SECRET) =>
      codeOf(t!.api.CreateAlertChannel({ name, webhook, secret }));
    // SSRF: only the allow-listed host; the metadata service and other schemes are refused.
    for (const [webhook, message] of [
      ['http://169.254.169.254/latest/meta-data/', /not in ALERT_ALLOWED_HOSTS/],
      ['http://localhost:2379/', /not in ALERT_ALLOWED_HOSTS/],
      ['ftp://127.0.0.1/x', /http or https/],
      ['not a url', /absolute http\(s\) URL/],
      ['http://user:pw@127.0.0.1/', /credentials/],
    ] as const) {
      const refused = await create('ops', webhook);
      expect(refused, webhook).toMatchObject({ code: status.INVALID_ARGUMENT, field: 'webhook' });
      expect(refused.message).toMatch(message);
    }
    expect(await create('bad name!', 'http://127.0.0.1:9/h')).toMatchObject({ field: 'name' });
    expect(await create('ops', 'http://127.0.0.1:9/h', 'short')).toMatchObject({ field: 'secret' });
    expect(await t.db.selectFrom('alert_channels').selectAll().execute()).toEqual([]);

    await t.api.CreateAlertChannel({
      name: 'ops',
      webhook: 'http://127.0.0.1:9/h',
      secret: SECRET,
    });
    expect((await create('ops', 'http://127.0.0.1:9/other')).code).toBe(status.ALREADY_EXISTS);
    const listed = await t.api.ListAlertChannels({});
    expect(listed.channels.map((c) => c.name)).toEqual(['ops']);
    // The secret is never returned.
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    expect(JSON.stringify(await t.api.GetAlertChannel({ name: 'ops', limit: 0 }))).not.toContain(
      SECRET,
    );
    expect((await codeOf(t.api.GetAlertChannel({ name: 'nope', limit: 0 }))).code).toBe(
      status.NOT_FOUND,
    );
    expect(await codeOf(t.api.GetAlertChannel({ name: 'ops', limit: -1 }))).toMatchObject({
      field: 'limit',
    });

    // Definitions: an unknown channel, no events, an unknown event.
    for (const [alerts, field] of [
      ['alerts: { channel: nope, on: [FAILURE] }\n', 'alerts.channel'],
      ['alerts: { channel: ops, on: [] }\n', 'alerts.on'],
      ['alerts: { channel: ops, on: [FAILURE, BOGUS] }\n', 'alerts.on[1]'],
      ['alerts: { channel: ops, on: [FAILURE, FAILURE] }\n', 'alerts.on[1]'],
    ] as const)
      expect(
        await codeOf(t.api.ApplyWorkflow({ yaml: definition('wf', "'true'", alerts) })),
        alerts,
      ).toMatchObject({ code: status.INVALID_ARGUMENT, field });
    expect(await t.db.selectFrom('workflows').selectAll().execute()).toEqual([]);
    const applied = await t.api.ApplyWorkflow({ yaml: definition('wf', "'true'", ALL) });
    expect(applied.spec?.alerts).toEqual({
      channel: 'ops',
      on: ['FAILURE', 'SUCCESS', 'TIMEOUT', 'FAILOVER', 'SERIAL_DISCARD'],
    });

    // Admins only; create and delete are audited.
    const operator = t.apiAt(t.cluster.api.address, await t.issueToken('operator'));
    expect(await codeOf(operator.ListAlertChannels({}))).toMatchObject({
      code: status.PERMISSION_DENIED,
    });
    await t.api.DeleteAlertChannel({ name: 'ops' });
    expect((await codeOf(t.api.DeleteAlertChannel({ name: 'ops' }))).code).toBe(status.NOT_FOUND);
    const audited = await t.db
      .selectFrom('audit_events')
      .select(['action', 'target'])
      .where('target_kind', '=', 'alert-channel')
      .orderBy('id')
      .execute();
    expect(audited).toEqual([
      { action: 'alert-channel.create', target: 'ops' },
      { action: 'alert-channel.delete', target: 'ops' },
    ]);

    // The CLI: the secret from a file (its trailing newline dropped), never printed.
    const cli = cliFor(t);
    const secretFile = join(t.dir, 'ops.key');
    writeFileSync(secretFile, `${SECRET}\n`);
    const made = await cli(
      'alert-channel',
      'create',
      'ops2',
      '--webhook',
      'http://127.0.0.1:9/h',
      '--secret-file',
      secretFile,
    );
    expect(made.code, made.stderr).toBe(0);
    const stored = await t.db
      .selectFrom('alert_channels')
      .select('secret')
      .executeTakeFirstOrThrow();
    expect(stored.secret.toString('utf8')).toBe(SECRET);
    const got = await cli('--json', 'alert-channel', 'get', 'ops2');
    expect(JSON.parse(got.stdout)).toMatchObject({
      name: 'ops2',
      webhook: 'http://127.0.0.1:9/h',
      pending: 0,
      deliveries: [],
    });
    const listedByCli = await cli('alert-channel', 'list');
    expect(listedByCli.stdout).toContain('ops2');
    for (const run of [made, got, listedByCli]) expect(run.stdout).not.toContain(SECRET);
    const refusedByCli = await cli(
      'alert-channel',
      'create',
      'ops3',
      '--webhook',
      'http://10.0.0.1/',
      '--secret-file',
      secretFile,
    );
    expect(refusedByCli.code).toBe(1);
    expect(refusedByCli.stderr).toMatch(/webhook.*ALERT_ALLOWED_HOSTS/);
    expect((await cli('alert-channel', 'delete', 'ops2')).code).toBe(0);
    expect((await cli('alert-channel', 'get', 'ops2')).code).toBe(1);
  });
});
