/**
 * E1 events: a WatchInstance stream survives the instance's master being killed (it fails over)
 * and the api being restarted (the client reconnects with after_change), and delivers every
 * change of `state_changes` exactly once, in order. And 200 watchers on one api keep its memory
 * within the documented bound (README "Watching").
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCluster, waitForEnd, type TestCluster } from './support/test-cluster.js';
import { watchToEnd } from './support/watch-client.js';

/** Resident memory of a process, from /proc (bytes). */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) * 1024;
}

describe('watching instances (E1)', () => {
  let t: TestCluster | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('a stream through a master kill and an api restart delivers every change once, in order', async () => {
    t = await startTestCluster('watch-failover', { layout: { masters: 2, workers: 1 } });
    const cluster = t.cluster;
    await t.api.ApplyWorkflow({
      yaml: [
        'name: watched',
        'tasks:',
        '  - { name: a, type: SHELL, command: "sleep 2" }',
        '  - { name: b, type: SHELL, command: "sleep 2", dependsOn: [a] }',
        `  - { name: c, type: SHELL, command: 'echo answer=42 >> "$BATON_OUTPUT"', dependsOn: [b], outputs: [answer] }`,
      ].join('\n'),
    });
    const { id, owner } = await t.api.StartInstance({ workflow: 'watched' });
    let killedMaster = false;
    let restartedApi = false;
    const api = t.api;
    const record = await watchToEnd(api, id, async (event) => {
      if (!killedMaster && event.task === 'a' && event.to_state === 'RUNNING') {
        killedMaster = true;
        const current = (await api.GetInstance({ id })).owner || owner;
        process.kill(cluster.get(current).pid, 'SIGKILL');
      }
      if (!restartedApi && event.task === 'b' && event.to_state === 'RUNNING') {
        restartedApi = true;
        // Not awaited here: the stream must break under the client while it reads.
        void cluster.restart(cluster.api.name);
      }
    });
    expect(killedMaster && restartedApi).toBe(true);
    expect(record.reconnects).toBeGreaterThan(0);
    const history = await t.db
      .selectFrom('state_changes')
      .select(['id', 'task', 'to_state'])
      .where('instance_id', '=', id)
      .orderBy('id')
      .execute();
    expect(record.events.map((e) => e.change_id)).toEqual(history.map((h) => h.id));
    expect(record.events.map((e) => [e.task, e.to_state])).toEqual(
      history.map((h) => [h.task ?? '', h.to_state]),
    );
    const last = record.events.at(-1)!;
    expect([last.task, last.to_state]).toEqual(['', 'SUCCESS']);
    // The instance failed over: some change was made under a later epoch than the first.
    expect(new Set(record.events.map((e) => e.epoch)).size).toBeGreaterThan(1);
    const c = record.events.find((e) => e.task === 'c' && e.to_state === 'SUCCESS');
    expect(c?.outputs).toEqual({ answer: '42' });
    expect(c?.worker).not.toBe('');
    // Resuming after the terminal change: nothing more, the stream ends at once.
    const again = await watchToEnd(api, id, () => {}, 10_000);
    expect(again.events.length).toBe(history.length);
    const after = [];
    for await (const e of api.WatchInstance({ id, after_change: last.change_id })) after.push(e);
    expect(after).toEqual([]);
  }, 180_000);

  it('200 concurrent watchers on one api keep its memory within the documented bound', async () => {
    const bufferBytes = 256 * 1024;
    t = await startTestCluster('watch-memory', {
      layout: { masters: 1, workers: 1 },
      env: { WATCH_BUFFER_BYTES: String(bufferBytes) },
    });
    await t.api.ApplyWorkflow({
      yaml: [
        'name: many',
        'tasks:',
        '  - { name: a, type: SHELL, command: "sleep 1" }',
        '  - { name: b, type: SHELL, command: "true", dependsOn: [a] }',
      ].join('\n'),
    });
    const api = t.api;
    // Warm the api up (its first calls load code and fill pools) before the baseline.
    const warm = await api.StartInstance({ workflow: 'many' });
    await watchToEnd(api, warm.id);
    const pid = t.cluster.api.pid;
    const before = rssOf(pid);
    const ids = await Promise.all(
      Array.from({ length: 20 }, async () => (await api.StartInstance({ workflow: 'many' })).id),
    );
    const watchers = Array.from({ length: 200 }, (_, i) =>
      i % 4 === 0
        ? (async () => {
            // A cluster-wide watcher: stops once it has seen all 20 instances end.
            const ended = new Set<string>();
            const aborted = new AbortController();
            for await (const e of api.WatchInstances(
              { states: ['SUCCESS'], after_change: '0' },
              { signal: aborted.signal },
            )) {
              if (ids.includes(e.instance_id)) ended.add(e.instance_id);
              if (ended.size === ids.length) break;
            }
            return ended.size;
          })()
        : watchToEnd(api, ids[i % ids.length]!).then((r) => r.events.length),
    );
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 100);
    const seen = await Promise.all(watchers);
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(pid));
    for (const id of ids) expect((await waitForEnd(api, id)).state).toBe('SUCCESS');
    expect(seen.every((n) => n > 0)).toBe(true);
    // README "Watching": each stream holds at most WATCH_BUFFER_BYTES of queued changes plus
    // about 64 KiB (gRPC/HTTP2 buffers, bookkeeping). Generous margin: twice that.
    const bound = 200 * (bufferBytes + 64 * 1024);
    expect(peak - before).toBeLessThan(2 * bound);
  }, 180_000);
});
