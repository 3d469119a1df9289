import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf } from './support/call-status.js';
import { cliFor } from './support/cli-runner.js';
import { rowCounts } from './support/row-counts.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type ApiClient,
  type TestCluster,
} from './support/test-cluster.js';

/** A workflow that ends at once, and one whose task runs long enough to be controlled. */
const quick = (name: string) =>
  `name: ${name}\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n`;
const slow = (name: string) =>
  `name: ${name}\ntasks:\n  - { name: a, type: SHELL, command: "sleep 30" }\n`;

describe('idempotent requests (request_id), through two apis', () => {
  let t: TestCluster;
  let apis: ApiClient[];

  const instancesOf = (workflow: string) =>
    t.db.selectFrom('workflow_instances').select('id').where('workflow', '=', workflow).execute();
  const requestRows = (requestId: string) =>
    t.db.selectFrom('request_ids').selectAll().where('request_id', '=', requestId).execute();

  /** Row counts once every instance has ended (a running one still writes tasks and changes). */
  async function settledCounts() {
    await expect
      .poll(async () => {
        const open = await t.db
          .selectFrom('workflow_instances')
          .select('id')
          .where('ended_at', 'is', null)
          .execute();
        return open.length;
      })
      .toBe(0);
    return rowCounts(t.db);
  }

  beforeAll(async () => {
    t = await startTestCluster('request-ids', {
      layout: { apis: 2 },
      env: { REQUEST_ID_PURGE_INTERVAL_MS: '500' },
    });
    apis = t.cluster.ofRole('api').map((a) => t.apiAt(a.address));
    for (const name of ['lost', 'burst', 'args', 'refused'])
      await t.api.ApplyWorkflow({ yaml: quick(name) });
    await t.api.ApplyWorkflow({ yaml: slow('controlled') });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('a start whose answer is lost after its commit, retried with its request id, yields one instance', async () => {
    // Committed, then held before answering: the client's deadline passes first.
    t.setRacePoints({ 'api.start.after-commit': { scope: 'lost', ms: 4_000 } });
    const lost = await codeOf(
      apis[0]!.StartInstance({ workflow: 'lost', request_id: 'lost-1' }, { timeoutMs: 1_000 }),
    );
    expect(lost.code).toBe(status.DEADLINE_EXCEEDED);
    const recorded = await instancesOf('lost');
    expect(recorded).toHaveLength(1);
    t.setRacePoints({});

    // The retry, through the other api, is answered with the instance the lost call recorded.
    const retried = await apis[1]!.StartInstance({ workflow: 'lost', request_id: 'lost-1' });
    expect(retried.id).toBe(recorded[0]!.id);
    expect((await waitForEnd(t.api, retried.id)).state).toBe('SUCCESS');
    // And once it has ended, still that one: never a second run.
    const again = await apis[0]!.StartInstance({ workflow: 'lost', request_id: 'lost-1' });
    expect(again.id).toBe(retried.id);
    expect(again.state).toBe('SUCCESS');
    expect(await instancesOf('lost')).toHaveLength(1);
    expect(await requestRows('lost-1')).toHaveLength(1);
  });

  it('the CLI retries a start whose answer was lost with the same request id: one instance', async () => {
    await t.api.ApplyWorkflow({ yaml: quick('cli-lost') });
    // Past the CLI's 10 s deadline: its first attempt commits, then times out unanswered.
    t.setRacePoints({ 'api.start.after-commit': { scope: 'cli-lost', ms: 11_000 } });
    const before = await t.db.selectFrom('request_ids').select('id').execute();
    const run = await cliFor(t)('start', 'cli-lost');
    t.setRacePoints({});
    expect(run.code, run.stderr).toBe(0);
    const recorded = await instancesOf('cli-lost');
    expect(recorded).toEqual([{ id: run.stdout.trim() }]);
    const added = await t.db
      .selectFrom('request_ids')
      .selectAll()
      .where('id', 'not in', before.length > 0 ? before.map((r) => r.id) : ['0'])
      .execute();
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ method: 'StartInstance', target: recorded[0]!.id });
    expect(added[0]!.request_id).toMatch(/^[0-9a-f-]{36}$/);
  }, 60_000);

  it('20 concurrent starts with one request id through 2 apis yield one instance, recorded once', async () => {
    const before = await rowCounts(t.db);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        apis[i % 2]!.StartInstance({
          workflow: 'burst',
          params: { day: 'today' },
          labels: { team: 'growth' },
          request_id: 'burst-1',
        }),
      ),
    );
    const ids = new Set(answers.map((a) => a.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(await instancesOf('burst')).toEqual([{ id }]);
    const after = await rowCounts(t.db);
    // Exactly one start's worth of rows: one instance, its labels, one audit event, one id.
    expect(after['workflow_instances']! - before['workflow_instances']!).toBe(1);
    expect(after['instance_labels']! - before['instance_labels']!).toBe(1);
    expect(after['audit_events']! - before['audit_events']!).toBe(1);
    expect(after['request_ids']! - before['request_ids']!).toBe(1);
    const [row] = await requestRows('burst-1');
    expect(row).toMatchObject({ method: 'StartInstance', target_kind: 'instance', target: id });
    expect(answers[0]!.labels).toEqual({ team: 'growth' });
  });

  it('the same request id with other arguments is ALREADY_EXISTS naming the instance, and writes nothing', async () => {
    const first = await t.api.StartInstance({
      workflow: 'args',
      params: { day: '1' },
      request_id: 'args-1',
    });
    const before = await settledCounts();
    const otherParams = await codeOf(
      apis[1]!.StartInstance({ workflow: 'args', params: { day: '2' }, request_id: 'args-1' }),
    );
    expect(otherParams.code).toBe(status.ALREADY_EXISTS);
    expect(otherParams.message).toContain(`instance ${first.id}`);
    // Another method under the same id is other arguments too.
    const otherMethod = await codeOf(t.api.StopInstance({ id: first.id, request_id: 'args-1' }));
    expect(otherMethod.code).toBe(status.ALREADY_EXISTS);
    expect(await rowCounts(t.db)).toEqual(before);
    // Map order is not an argument: the same params given in another order are the same call.
    const a = await t.api.StartInstance({
      workflow: 'args',
      params: { x: '1', y: '2' },
      request_id: 'args-2',
    });
    const b = await t.api.StartInstance({
      workflow: 'args',
      params: { y: '2', x: '1' },
      request_id: 'args-2',
    });
    expect(b.id).toBe(a.id);
  });

  it('request ids are per caller: another token with the same id starts its own instance', async () => {
    const other = t.apiAt(t.cluster.api.address, await t.issueToken('operator', 'other-caller'));
    const mine = await t.api.StartInstance({ workflow: 'args', request_id: 'shared-id' });
    const theirs = await other.StartInstance({ workflow: 'args', request_id: 'shared-id' });
    expect(theirs.id).not.toBe(mine.id);
    expect(await requestRows('shared-id')).toHaveLength(2);
  });

  it('a refused call records nothing, so its request id still works once the cause is fixed', async () => {
    const before = await settledCounts();
    const tooLong = await codeOf(
      t.api.StartInstance({ workflow: 'refused', request_id: 'x'.repeat(129) }),
    );
    expect(tooLong).toMatchObject({ code: status.INVALID_ARGUMENT, field: 'request_id' });
    const spaced = await codeOf(t.api.StartInstance({ workflow: 'refused', request_id: 'a b' }));
    expect(spaced).toMatchObject({ code: status.INVALID_ARGUMENT, field: 'request_id' });
    const badLabel = await codeOf(
      t.api.StartInstance({ workflow: 'refused', labels: { '-x': 'y' }, request_id: 'ref-1' }),
    );
    expect(badLabel).toMatchObject({ code: status.INVALID_ARGUMENT, field: 'labels.-x' });
    const unknown = await codeOf(t.api.StartInstance({ workflow: 'later', request_id: 'ref-2' }));
    expect(unknown.code).toBe(status.NOT_FOUND);
    expect(await rowCounts(t.db)).toEqual(before);

    await t.api.ApplyWorkflow({ yaml: quick('later') });
    const started = await t.api.StartInstance({ workflow: 'later', request_id: 'ref-2' });
    expect(started.workflow).toBe('later');
  });

  it('a repeated control answers its first outcome, even once the state moved on, and is not carried out again', async () => {
    const running = await t.api.StartInstance({ workflow: 'controlled' });
    await waitForInstance(t.api, running.id, (i) => i.state === 'RUNNING');
    // Pause, resume under r1, pause again: repeating r1 must not resume the second pause.
    const inState = (state: string) => waitForInstance(t.api, running.id, (i) => i.state === state);
    await t.api.PauseInstance({ id: running.id, request_id: 'p1' });
    await inState('READY_PAUSE');
    await t.api.ResumeInstance({ id: running.id, request_id: 'r1' });
    await inState('RUNNING');
    await t.api.PauseInstance({ id: running.id, request_id: 'p2' });
    await inState('READY_PAUSE');
    // Only what a resume writes (other instances may still be writing their own rows).
    const written = async () => {
      const { request_ids, audit_events } = await rowCounts(t.db);
      return { request_ids, audit_events };
    };
    const before = await written();
    const repeated = await apis[1]!.ResumeInstance({ id: running.id, request_id: 'r1' });
    expect(repeated.id).toBe(running.id);
    expect(await written()).toEqual(before);
    const row = await t.db
      .selectFrom('workflow_instances')
      .select('pause_requested')
      .where('id', '=', running.id)
      .executeTakeFirstOrThrow();
    expect(row.pause_requested).toBe(1);

    // A stop, repeated after the instance ended: its first outcome, not FAILED_PRECONDITION.
    await t.api.StopInstance({ id: running.id, request_id: 's1' });
    await waitForEnd(t.api, running.id);
    const again = await apis[1]!.StopInstance({ id: running.id, request_id: 's1' });
    expect(again.state).toBe('STOP');
    const fresh = await codeOf(t.api.StopInstance({ id: running.id, request_id: 's2' }));
    expect(fresh.code).toBe(status.FAILED_PRECONDITION);
    expect(await requestRows('s2')).toHaveLength(0);

    // A rerun under an id is one rerun, and keeps the instance's labels.
    const labelled = await t.api.StartInstance({ workflow: 'lost', labels: { team: 'ops' } });
    await waitForEnd(t.api, labelled.id);
    const reruns = await Promise.all(
      apis.map((api) => api.RerunInstance({ id: labelled.id, request_id: 'rerun-1' })),
    );
    expect(reruns[1]!.id).toBe(reruns[0]!.id);
    expect(reruns[0]!.labels).toEqual({ team: 'ops' });
  });

  it('a backfill started twice under one id is one backfill, and its instances carry its labels', async () => {
    await t.api.ApplyWorkflow({ yaml: quick('filled') });
    const request = {
      workflow: 'filled',
      dates: ['2026-03-01', '2026-03-02'],
      labels: { src: 'backfill' },
      request_id: 'bf-1',
    };
    const [a, b] = await Promise.all(apis.map((api) => api.StartBackfill(request)));
    expect(b!.id).toBe(a!.id);
    expect(a!.labels).toEqual({ src: 'backfill' });
    await expect
      .poll(async () => (await t.api.GetBackfill({ id: a!.id })).state, { timeout: 30_000 })
      .toBe('SUCCESS');
    const listed = await t.api.ListInstances({
      backfill_id: a!.id,
      label_selector: 'src=backfill',
    });
    expect(listed.instances).toHaveLength(2);
    expect(listed.instances.every((i) => i.labels['src'] === 'backfill')).toBe(true);
    const other = await codeOf(t.api.StartBackfill({ ...request, dates: ['2026-03-03'] }));
    expect(other.code).toBe(status.ALREADY_EXISTS);
    expect(other.message).toContain(`backfill ${a!.id}`);
    // A refused control records nothing under its id.
    const stop = await codeOf(t.api.StopBackfill({ id: a!.id, request_id: 'bf-stop' }));
    expect(stop.code).toBe(status.FAILED_PRECONDITION);
    expect(await requestRows('bf-stop')).toHaveLength(0);
  });

  it('an expired request id is purged and may be used afresh', async () => {
    const old = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    await t.db
      .insertInto('request_ids')
      .values({
        caller: 'test-admin',
        request_id: 'old-1',
        method: 'StopInstance',
        args_sha256: '0'.repeat(64),
        target_kind: 'instance',
        target: '999999',
        created_at: old,
      })
      .execute();
    // Used again before or after the purge reaches it, it is a new request.
    const started = await t.api.StartInstance({ workflow: 'args', request_id: 'old-1' });
    expect(started.workflow).toBe('args');
    await t.db
      .insertInto('request_ids')
      .values({
        caller: 'test-admin',
        request_id: 'old-2',
        method: 'StopInstance',
        args_sha256: '0'.repeat(64),
        target_kind: 'instance',
        target: '999999',
        created_at: old,
      })
      .execute();
    await expect.poll(() => requestRows('old-2'), { timeout: 10_000 }).toHaveLength(0);
  });
});
