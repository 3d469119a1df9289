import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from './change-event.js';
import { ChangeTailer, type ChangeSource } from './change-tailer.js';
import { WatchHub } from './watch-hub.js';
import { change, ids } from './testing-events.js';

/**
 * `state_changes` as readers see it: `committed` rows are visible; `inFlight` ids are allocated
 * but not committed (a settling read would wait for them: here it fails, as after its 1 s lock
 * wait).
 */
class FakeTable implements ChangeSource {
  committed: ChangeEvent[] = [];
  inFlight = new Set<bigint>();
  settledCalls = 0;

  maxId(): Promise<bigint> {
    return Promise.resolve(this.committed.reduce((m, r) => (r.id > m ? r.id : m), 0n));
  }
  after(after: bigint, limit: number): Promise<ChangeEvent[]> {
    return Promise.resolve(
      this.committed
        .filter((r) => r.id > after)
        .sort((a, b) => Number(a.id - b.id))
        .slice(0, limit),
    );
  }
  settled(after: bigint, through: bigint): Promise<ChangeEvent[]> {
    this.settledCalls += 1;
    for (const id of this.inFlight)
      if (id > after && id <= through) return Promise.reject(new Error('lock wait timeout'));
    return this.after(after, 1_000_000).then((rows) => rows.filter((r) => r.id <= through));
  }
}

const settings = { pollMs: 10, gapProbeMs: 100, gapTimeoutMs: 10_000, batch: 2 };

function setUp(table: FakeTable, from = 0n) {
  const hub = new WatchHub({ maxStreams: 10, bufferBytes: 1 << 20 }, from);
  const tailer = ChangeTailer.create(table, hub, from, settings, pino({ level: 'silent' }));
  const sub = hub.subscribe({ kind: 'instances', workflow: undefined, states: undefined });
  const seen: number[] = [];
  const drain = async () => {
    const signal = new AbortController().signal;
    while (sub.subscription.size > 0) seen.push(Number((await sub.subscription.take(signal)).id));
    return seen;
  };
  return { hub, tailer, drain };
}

describe('ChangeTailer', () => {
  it('reads in batches, and a full batch asks for another at once', async () => {
    const table = new FakeTable();
    table.committed = [change(1), change(2), change(3)];
    const { tailer, drain } = setUp(table);
    expect(await tailer.tick(0)).toEqual({ full: true });
    expect(await tailer.tick(0)).toEqual({ full: false });
    expect(await drain()).toEqual([1, 2, 3]);
  });

  it('a row committed late with a smaller id is delivered, before the larger ones, once', async () => {
    const table = new FakeTable();
    table.committed = [change(1), change(3)];
    table.inFlight.add(2n);
    const { tailer, drain } = setUp(table);
    await tailer.tick(0);
    await tailer.tick(150); // past gapProbeMs: the settling read waits on 2 and gives up
    expect(table.settledCalls).toBe(1);
    expect(await drain()).toEqual([1]);
    table.inFlight.delete(2n);
    table.committed.push(change(2));
    await tailer.tick(200);
    await tailer.tick(300);
    expect(await drain()).toEqual([1, 2, 3]);
  });

  it('a final gap (rolled back) is passed after one settling read, without the timeout', async () => {
    const table = new FakeTable();
    table.committed = [change(1), change(3)];
    const { tailer, hub, drain } = setUp(table);
    await tailer.tick(0);
    expect(await drain()).toEqual([1]);
    await tailer.tick(150);
    expect(await drain()).toEqual([1, 3]);
    expect(tailer.lost).toBe(0n);
    expect(hub.subscribe({ kind: 'instance', instanceId: '9' }).horizon).toBe(3n);
  });

  it('gives up a gap held past the timeout, counts it, and never re-delivers', async () => {
    const table = new FakeTable();
    table.committed = [change(1), change(3)];
    table.inFlight.add(2n);
    const { tailer, drain } = setUp(table);
    await tailer.tick(0);
    await tailer.tick(settings.gapTimeoutMs);
    expect(await drain()).toEqual([1, 3]);
    expect(tailer.lost).toBe(1n);
    table.committed.push(change(2)); // too late: below the horizon, not delivered out of order
    await tailer.tick(settings.gapTimeoutMs + 1);
    expect(await drain()).toEqual([1, 3]);
  });

  it('starts a little below the largest id, so rows still uncommitted at start are not skipped', async () => {
    const table = new FakeTable();
    table.committed = [change(5000)];
    expect(await ChangeTailer.startHorizon(table)).toBe(4000n);
    table.committed = [change(10)];
    expect(await ChangeTailer.startHorizon(table)).toBe(0n);
  });

  it('publishes nothing twice across many polls of the same rows', async () => {
    const table = new FakeTable();
    table.committed = [change(1), change(2)];
    const { tailer, drain } = setUp(table);
    for (let i = 0; i < 5; i++) await tailer.tick(i);
    expect(ids(table.committed)).toEqual(await drain());
  });
});
