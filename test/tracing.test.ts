import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  startOtlpReceiver,
  type OtlpReceiver,
  type ReceivedSpan,
} from './support/otlp-receiver.js';
import {
  startTestCluster,
  waitForEnd,
  waitForInstance,
  type TestCluster,
} from './support/test-cluster.js';

let receiver: OtlpReceiver;
let t: TestCluster | undefined;

// A receiver per test: each test's database numbers its instances from 1 again.
beforeEach(async () => {
  receiver = await startOtlpReceiver();
});
afterEach(async () => {
  await t?.dispose();
  t = undefined;
  await receiver.close();
});

function tracedCluster(
  label: string,
  masters: number,
  env: Record<string, string> = {},
): Promise<TestCluster> {
  return startTestCluster(label, {
    layout: { masters, workers: 1 },
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      ...env,
    },
  });
}

/** The spans exported so far, once `ready` holds of them (exports are batched). */
async function spansWhen(ready: (spans: ReceivedSpan[]) => boolean): Promise<ReceivedSpan[]> {
  return vi.waitFor(
    () => {
      const spans = receiver.spans();
      if (!ready(spans)) throw new Error(`spans never complete: ${listSpans(spans)}`);
      return spans;
    },
    { timeout: 15_000, interval: 100 },
  );
}

function listSpans(spans: ReceivedSpan[]): string {
  return spans.map((s) => `${s.service}:${s.name}`).join(', ');
}

function one(spans: ReceivedSpan[], what: Partial<ReceivedSpan>, attrs = {}): ReceivedSpan {
  const found = spans.filter(
    (s) =>
      Object.entries(what).every(([k, v]) => s[k as keyof ReceivedSpan] === v) &&
      Object.entries(attrs).every(([k, v]) => s.attributes[k] === v),
  );
  if (found.length !== 1) {
    throw new Error(
      `expected one span ${JSON.stringify({ ...what, ...attrs })}, found ${found.length}`,
    );
  }
  return found[0]!;
}

/** `span`'s ancestors as `service:name`, nearest first, following parent ids. */
function ancestry(spans: ReceivedSpan[], span: ReceivedSpan): string[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain: string[] = [];
  for (let p = byId.get(span.parentSpanId); p !== undefined; p = byId.get(p.parentSpanId)) {
    chain.push(`${p.service}:${p.name}`);
  }
  return chain;
}

describe('tracing over OTLP', () => {
  it('one run is one trace: api → master → worker with correct parents, child workflow included', async () => {
    t = await tracedCluster('trace-run', 1);
    await t.api.ApplyWorkflow({
      yaml: 'name: child\ntasks:\n  - { name: z, type: SHELL, command: "true" }\n',
    });
    await t.api.ApplyWorkflow({
      yaml: [
        'name: parent',
        'tasks:',
        '  - { name: a, type: SHELL, command: "true" }',
        '  - { name: c, type: SUB_WORKFLOW, workflow: child, dependsOn: [a] }',
      ].join('\n'),
    });
    const { id } = await t.api.StartInstance({ workflow: 'parent' });
    const done = await waitForEnd(t.api, id);
    expect(done.state).toBe('SUCCESS');
    const childId = done.tasks.find((x) => x.name === 'c')!.child_id;

    const spans = await spansWhen(
      (all) =>
        all.some(
          (s) => s.name === 'baton.instance.end' && s.attributes['baton.instance.id'] === id,
        ) && all.some((s) => s.name === 'baton.task.run' && s.attributes['baton.task'] === 'z'),
    );
    const start = one(
      spans,
      { name: 'baton.instance.start', service: 'baton-api' },
      {
        'baton.instance.id': id,
      },
    );
    const ofRun = spans.filter((s) =>
      [id, childId].includes(String(s.attributes['baton.instance.id'] ?? '')),
    );
    expect(ofRun.length).toBeGreaterThan(8);
    expect(new Set(ofRun.map((s) => s.traceId))).toEqual(new Set([start.traceId]));

    const runA = one(
      spans,
      { name: 'baton.task.run', service: 'baton-worker' },
      {
        'baton.task': 'a',
        'baton.attempt': 1,
      },
    );
    expect(ancestry(spans, runA)).toEqual([
      'baton-worker:baton.v1.Worker/RunTask',
      'baton-master:baton.v1.Worker/RunTask',
      'baton-master:baton.task.dispatch',
      'baton-master:baton.instance.run',
      'baton-api:baton.instance.start',
      'baton-api:baton.v1.BatonApi/StartInstance',
    ]);
    const report = spans.find(
      (s) =>
        s.name === 'baton.v1.Master/ReportTask' &&
        s.kind === 2 &&
        ancestry(spans, s).includes('baton-worker:baton.task.run') &&
        spans.find((p) => p.spanId === s.parentSpanId)?.parentSpanId === runA.spanId,
    );
    expect(report?.service).toBe('baton-master');

    const childRun = one(spans, { name: 'baton.instance.run' }, { 'baton.instance.id': childId });
    // Made by the parent's child task, which ran when the report of `a` advanced the DAG.
    expect(ancestry(spans, childRun).slice(0, 2)).toEqual([
      'baton-master:baton.task.child',
      'baton-master:baton.task.report',
    ]);
    expect(ancestry(spans, childRun)).toContain('baton-api:baton.instance.start');
    const runZ = one(spans, { name: 'baton.task.run' }, { 'baton.task': 'z' });
    expect(runZ.traceId).toBe(start.traceId);
    expect(
      one(spans, { name: 'baton.instance.end' }, { 'baton.instance.id': id }).attributes[
        'baton.state'
      ],
    ).toBe('SUCCESS');
    // Log lines written inside a span name its trace, next to the instance and service.
    const ended = readFileSync(join(t.dir, 'master-1.log'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"instance ended"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.instance_id === id);
    expect([ended?.service, ended?.trace_id]).toEqual(['master', start.traceId]);
  });

  it('the trace survives a master failover: the new owner continues it and takes the task over', async () => {
    t = await tracedCluster('trace-failover', 2);
    const gate = join(t.dir, 'gate');
    await t.api.ApplyWorkflow({
      yaml: `name: held\ntasks:\n  - { name: a, type: SHELL, command: 'while [ ! -e ${gate} ]; do sleep 0.1; done' }\n`,
    });
    const { id } = await t.api.StartInstance({ workflow: 'held' });
    const running = await waitForInstance(t.api, id, (i) => i.tasks[0]?.state === 'RUNNING');
    // Let the first owner's spans be exported before it dies.
    await spansWhen((all) =>
      all.some((s) => s.name === 'baton.task.dispatch' && s.attributes['baton.instance.id'] === id),
    );
    process.kill(t.cluster.get(running.owner).pid, 'SIGKILL');
    const survivor = await waitForInstance(t.api, id, (i) => i.owner !== running.owner);
    writeFileSync(gate, '');
    const done = await waitForEnd(t.api, id);
    expect([done.state, done.owner]).toEqual(['SUCCESS', survivor.owner]);

    const spans = await spansWhen((all) =>
      all.some((s) => s.name === 'baton.instance.end' && s.attributes['baton.instance.id'] === id),
    );
    const start = one(spans, { name: 'baton.instance.start' }, { 'baton.instance.id': id });
    const first = one(
      spans,
      { name: 'baton.instance.run', node: running.owner },
      {
        'baton.instance.id': id,
      },
    );
    const resumed = one(
      spans,
      { name: 'baton.instance.run', node: survivor.owner },
      {
        'baton.instance.id': id,
      },
    );
    expect([first.traceId, resumed.traceId]).toEqual([start.traceId, start.traceId]);
    expect([first.parentSpanId, resumed.parentSpanId]).toEqual([start.spanId, start.spanId]);
    expect([first.attributes['baton.takeover'], resumed.attributes['baton.takeover']]).toEqual([
      false,
      true,
    ]);
    expect(Number(resumed.attributes['baton.epoch'])).toBeGreaterThan(
      Number(first.attributes['baton.epoch']),
    );
    const takeover = one(
      spans,
      { name: 'baton.task.takeover', node: survivor.owner },
      {
        'baton.instance.id': id,
      },
    );
    expect(ancestry(spans, takeover)[0]).toBe('baton-master:baton.instance.run');
    const end = one(spans, { name: 'baton.instance.end' }, { 'baton.instance.id': id });
    expect([end.node, end.traceId]).toEqual([survivor.owner, start.traceId]);
    // The worker's task span began under the dead owner's dispatch; the same trace throughout.
    const run = one(spans, { name: 'baton.task.run' }, { 'baton.instance.id': id });
    expect(run.traceId).toBe(start.traceId);
  });

  it('serial waiting and the hand-off are in the trace, and a failure sets the span status', async () => {
    // Each hand-off path has its own trace (README, Tracing): this test is about the Release
    // path, so the coordinator's reconciler (which would otherwise free the slot whenever its
    // pass comes before A's Release arrives) makes no pass during the test.
    t = await tracedCluster('trace-serial', 1, { SERIAL_RECONCILE_INTERVAL_MS: '600000' });
    const gate = join(t.dir, 'gate');
    await t.api.ApplyWorkflow({
      yaml: `name: one-at-a-time\nexecutionType: SERIAL_WAIT\ntasks:\n  - { name: a, type: SHELL, command: 'while [ ! -e ${gate} ]; do sleep 0.1; done; exit 3' }\n`,
    });
    const a = await t.api.StartInstance({ workflow: 'one-at-a-time' });
    await waitForInstance(t.api, a.id, (i) => i.tasks[0]?.state === 'RUNNING');
    const b = await t.api.StartInstance({ workflow: 'one-at-a-time' });
    await waitForInstance(t.api, b.id, (i) => i.state === 'SERIAL_WAIT');
    // A slow Release (as on a loaded machine) is still the path that hands the slot on.
    t.setRacePoints({ 'serial.before-release': { scope: a.id, ms: 1_500 } });
    writeFileSync(gate, '');
    const [endA, endB] = [await waitForEnd(t.api, a.id), await waitForEnd(t.api, b.id)];
    expect([endA.state, endB.state]).toEqual(['FAILURE', 'FAILURE']);

    const spans = await spansWhen(
      (all) =>
        all.filter((s) => s.name === 'baton.instance.end').length === 2 &&
        all.some(
          (s) =>
            s.name === 'baton.serial.handoff' && s.attributes['baton.serial.admitted'] === b.id,
        ),
    );
    const traceOf = (id: string): string =>
      one(spans, { name: 'baton.instance.start' }, { 'baton.instance.id': id }).traceId;
    expect(traceOf(a.id)).not.toBe(traceOf(b.id));
    const queued = one(spans, { name: 'baton.serial.enqueue' }, { 'baton.instance.id': b.id });
    expect([queued.traceId, queued.attributes['baton.serial.decision']]).toEqual([
      traceOf(b.id),
      'QUEUED',
    ]);
    const handoff = one(
      spans,
      { name: 'baton.serial.handoff', service: 'baton-coordinator' },
      {
        'baton.serial.admitted': b.id,
      },
    );
    // The hand-off runs on A's release, in A's trace; B learns of it in its own.
    expect([
      handoff.attributes['baton.serial.path'],
      handoff.traceId,
      handoff.attributes['baton.serial.released'],
    ]).toEqual(['release', traceOf(a.id), a.id]);
    const admitted = one(spans, { name: 'baton.serial.admitted' }, { 'baton.instance.id': b.id });
    expect(admitted.traceId).toBe(traceOf(b.id));
    const failedRun = one(spans, { name: 'baton.task.run' }, { 'baton.instance.id': a.id });
    const failedEnd = one(spans, { name: 'baton.instance.end' }, { 'baton.instance.id': a.id });
    expect([
      failedRun.statusCode,
      failedRun.attributes['process.exit.code'],
      failedEnd.statusCode,
    ]).toEqual([2, 3, 2]);
  });
});
