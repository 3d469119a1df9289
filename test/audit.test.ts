import { status } from '@grpc/grpc-js';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../services/cli/cluster/infra/repo-root.js';
import type { Instance__Output } from '../shared/proto/gen/baton/v1/Instance.js';
import { codeOf } from './support/call-status.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type ApiClient,
  type TestCluster,
} from './support/test-cluster.js';

/** The token the audited calls are made with: its name is the actor every event must name. */
const ACTOR = 'audit-operator';

/** The built CLI, run as users run it; resolves its exit code and stdout. */
function baton(args: string[], env: Record<string, string>): Promise<[number, string]> {
  const cli = join(repoRoot(), 'dist', 'services', 'cli', 'main.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env: { ...process.env, ...env } }, (err, out) =>
      resolve([err === null ? 0 : typeof err.code === 'number' ? err.code : -1, out]),
    );
  });
}

const detailOf = (json: string) => JSON.parse(json) as { rerun_of?: string };

const LONG = 'name: audited\ntasks:\n  - { name: a, type: SHELL, command: "sleep 30" }\n';

describe('audit log and rerun', () => {
  let t: TestCluster;
  /** Calls as ACTOR (an operator); `t.api` (admin) reads the log. */
  let op: ApiClient;

  async function auditRows() {
    return t.db.selectFrom('audit_events').selectAll().orderBy('id').execute();
  }

  /** A call that must fail with `code` and leave the audit log (and instances) as they were. */
  async function refused(call: () => Promise<unknown>, code: status) {
    const count = async () => {
      const audit = await auditRows();
      const instances = await t.db.selectFrom('workflow_instances').select('id').execute();
      return { audit: audit.length, instances: instances.length };
    };
    const before = await count();
    const result = await codeOf(call());
    expect(result.code).toBe(code);
    expect(await count()).toEqual(before);
    return result;
  }

  beforeAll(async () => {
    t = await startTestCluster('audit');
    op = t.apiAt(t.cluster.api.address, await t.issueToken('operator', ACTOR));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  let started: Instance__Output;
  let rerun: Instance__Output;

  it('apply, start, stop and rerun each record exactly one event, in their transaction', async () => {
    const before = (await auditRows()).length;
    await op.ApplyWorkflow({ yaml: LONG });
    started = await op.StartInstance({ workflow: 'audited', params: { k: 'v' } });
    await op.StopInstance({ id: started.id });
    expect((await waitForEnd(t.api, started.id)).state).toBe('STOP');
    rerun = await op.RerunInstance({ id: started.id });

    const rows = (await auditRows()).slice(before);
    expect(rows.map((r) => [r.actor, r.action, r.target_kind, r.target])).toEqual([
      [ACTOR, 'apply', 'workflow', 'audited@1'],
      [ACTOR, 'start', 'instance', started.id],
      [ACTOR, 'stop', 'instance', started.id],
      [ACTOR, 'rerun', 'instance', rerun.id],
    ]);
    expect(JSON.parse(rows[1]!.detail)).toMatchObject({ workflow: 'audited@1', params: ['k'] });
    expect(JSON.parse(rows[3]!.detail)).toMatchObject({ rerun_of: started.id });
    expect(rerun).toMatchObject({ workflow: 'audited', version: 1, rerun_of: started.id });
    expect(rerun.params).toEqual({ k: 'v' });
  });

  it('ListAuditEvents filters by actor, action, target and time, newest first, in pages', async () => {
    const mine = await t.api.ListAuditEvents({ actor: ACTOR });
    expect(mine.events.map((e) => e.action)).toEqual(['rerun', 'stop', 'start', 'apply']);
    expect(mine.next_page_token).toBe('');
    expect(mine.events.every((e) => e.actor === ACTOR)).toBe(true);

    const reruns = await t.api.ListAuditEvents({ action: 'rerun' });
    expect(reruns.events.map((e) => [e.target, detailOf(e.detail).rerun_of])).toEqual([
      [rerun.id, started.id],
    ]);
    const ofInstance = await t.api.ListAuditEvents({ target: started.id });
    expect(ofInstance.events.map((e) => e.action)).toEqual(['stop', 'start']);
    for (const target of ['audited', 'audited@1']) {
      const ofWorkflow = await t.api.ListAuditEvents({ target });
      expect(ofWorkflow.events.map((e) => [e.action, e.target_kind, e.target])).toEqual([
        ['apply', 'workflow', 'audited@1'],
      ]);
    }
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await t.api.ListAuditEvents({ actor: ACTOR, since: future })).events).toEqual([]);
    const past = new Date(Date.now() - 600_000).toISOString();
    expect((await t.api.ListAuditEvents({ actor: ACTOR, since: past })).events).toHaveLength(4);

    const first = await t.api.ListAuditEvents({ actor: ACTOR, limit: 3 });
    expect(first.events.map((e) => e.action)).toEqual(['rerun', 'stop', 'start']);
    const second = await t.api.ListAuditEvents({
      actor: ACTOR,
      limit: 3,
      page_token: first.next_page_token,
    });
    expect(second.events.map((e) => e.action)).toEqual(['apply']);
    expect(second.next_page_token).toBe('');
  });

  it('ListAuditEvents refuses bad filters, and callers below admin', async () => {
    for (const [request, field] of [
      [{ action: 'delete' }, 'action'],
      [{ since: 'yesterday' }, 'since'],
      [{ limit: 5000 }, 'limit'],
      [{ page_token: 'x' }, 'page_token'],
    ] as const) {
      const result = await codeOf(t.api.ListAuditEvents(request));
      expect([result.code, result.field]).toEqual([status.INVALID_ARGUMENT, field]);
    }
    expect((await codeOf(op.ListAuditEvents({}))).code).toBe(status.PERMISSION_DENIED);
  });

  it('a refused call records nothing', async () => {
    await refused(
      () => op.ApplyWorkflow({ yaml: 'name: bad\ntasks: []\n' }),
      status.INVALID_ARGUMENT,
    );
    await refused(() => op.StartInstance({ workflow: 'nope' }), status.NOT_FOUND);
    await refused(
      () => op.StartInstance({ workflow: 'audited', params: { 'system.x': 'v' } }),
      status.INVALID_ARGUMENT,
    );
    // stopping an ended instance
    await refused(() => op.StopInstance({ id: started.id }), status.FAILED_PRECONDITION);
    await refused(() => op.StopInstance({ id: '999999' }), status.NOT_FOUND);
  });

  it('rerun refuses an instance still running, an unknown id and a bad id', async () => {
    await waitForInstance(t.api, rerun.id, (i) => i.state === 'RUNNING');
    const running = await refused(
      () => op.RerunInstance({ id: rerun.id }),
      status.FAILED_PRECONDITION,
    );
    expect(running.message).toMatch(/not ended/);
    await refused(() => op.RerunInstance({ id: '999999' }), status.NOT_FOUND);
    const bad = await codeOf(op.RerunInstance({ id: 'abc' }));
    expect([bad.code, bad.field]).toEqual([status.INVALID_ARGUMENT, 'id']);
    await op.StopInstance({ id: rerun.id });
    await waitForEnd(t.api, rerun.id);
  });

  it('rerun refuses a child instance (rerun its parent) and reruns the parent', async () => {
    await op.ApplyWorkflow({
      yaml: 'name: kid\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n',
    });
    await op.ApplyWorkflow({
      yaml: 'name: mom\ntasks:\n  - { name: c, type: SUB_WORKFLOW, workflow: kid }\n',
    });
    const parent = await op.StartInstance({ workflow: 'mom' });
    const ended = await waitForEnd(t.api, parent.id);
    expect(ended.state).toBe('SUCCESS');
    const childId = ended.tasks[0]!.child_id;
    expect(childId).not.toBe('');
    const child = await refused(
      () => op.RerunInstance({ id: childId }),
      status.FAILED_PRECONDITION,
    );
    expect(child.message).toMatch(new RegExp(`child of instance ${parent.id}`));
    const again = await op.RerunInstance({ id: parent.id });
    expect(again.rerun_of).toBe(parent.id);
    expect((await waitForEnd(t.api, again.id)).state).toBe('SUCCESS');
  });

  it('rerun keeps the version and the params, even after a newer version', async () => {
    await op.ApplyWorkflow({
      yaml: 'name: versioned\nparams: { greeting: hi }\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n',
    });
    const first = await op.StartInstance({ workflow: 'versioned', params: { who: 'me' } });
    await waitForEnd(t.api, first.id);
    await op.ApplyWorkflow({
      yaml: 'name: versioned\nparams: { greeting: bye }\ntasks:\n  - { name: b, type: SHELL, command: "true" }\n',
    });
    const again = await op.RerunInstance({ id: first.id });
    expect(again).toMatchObject({ workflow: 'versioned', version: 1, rerun_of: first.id });
    expect(again.params).toEqual({ greeting: 'hi', who: 'me' });
    const done = await waitForEnd(t.api, again.id);
    expect(done.tasks.map((task) => task.name)).toEqual(['a']);
  });

  it('baton rerun and baton audit', async () => {
    const cli = (token: string, ...args: string[]) =>
      baton(['--api', t.cluster.api.address, ...args], {
        BATON_TOKEN: token,
        BATON_CA: t.cluster.caFile ?? '',
      });
    const opToken = await t.issueToken('operator', 'cli-operator');
    const [code, out] = await cli(opToken, 'rerun', started.id, '--json');
    expect(code).toBe(0);
    const again = JSON.parse(out) as { id: string; rerunOf: string };
    expect(again.rerunOf).toBe(started.id);
    await op.StopInstance({ id: again.id });

    const [auditCode, auditOut] = await cli(
      t.adminToken,
      'audit',
      '--actor',
      'cli-operator',
      '--json',
    );
    expect(auditCode).toBe(0);
    const { events } = JSON.parse(auditOut) as {
      events: { actor: string; action: string; target: string; detail: { rerun_of?: string } }[];
    };
    expect(events.map((e) => [e.actor, e.action, e.target, e.detail.rerun_of])).toEqual([
      ['cli-operator', 'rerun', again.id, started.id],
    ]);
    const [, text] = await cli(t.adminToken, 'audit', '--action', 'rerun', '--limit', '1');
    expect(text.split('\n')[0]).toMatch(/^AT\s+ACTOR\s+ACTION\s+TARGET\s+DETAIL$/);
    expect(text).toContain(`cli-operator  rerun   ${again.id}`);
  });
});
