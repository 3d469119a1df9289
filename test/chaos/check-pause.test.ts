import { describe, expect, it } from 'vitest';
import { change, run, T0 } from '../support/chaos-evidence.js';
import { checkNothingStartsPaused, pausedSpans } from './check-pause.js';

/**
 * Instance 1: `a#1` sent at T0+100, paused (READY_PAUSE) at T0+1000, PAUSE at T0+2000, resumed
 * at T0+5000. Change ids are the commit order.
 */
function history(extra: Parameters<typeof change>[0][] = []) {
  return [
    change({ id: 1, instanceId: '1', fromState: 'SUBMITTED', toState: 'RUNNING', at: T0 }),
    change({
      id: 2,
      instanceId: '1',
      task: 'a',
      attempt: 1,
      fromState: null,
      toState: 'SUBMITTED',
      at: T0 + 100,
    }),
    change({
      id: 3,
      instanceId: '1',
      task: 'a',
      attempt: 1,
      fromState: 'SUBMITTED',
      toState: 'DISPATCHED',
      at: T0 + 100,
    }),
    change({
      id: 10,
      instanceId: '1',
      fromState: 'RUNNING',
      toState: 'READY_PAUSE',
      at: T0 + 1_000,
    }),
    change({ id: 20, instanceId: '1', fromState: 'READY_PAUSE', toState: 'PAUSE', at: T0 + 2_000 }),
    change({ id: 30, instanceId: '1', fromState: 'PAUSE', toState: 'RUNNING', at: T0 + 5_000 }),
    ...extra.map((c) => change(c)),
  ];
}

describe('P1 nothing starts in a paused instance', () => {
  it('finds one stretch from READY_PAUSE to the resume', () => {
    const spans = pausedSpans(history());
    expect(spans.map((s) => [s.from.id, s.to?.id])).toEqual([[10, 30]]);
  });

  it('passes a task sent before the pause that starts during it, and one started after the resume', () => {
    const changes = history([
      {
        id: 31,
        instanceId: '1',
        task: 'b',
        attempt: 1,
        fromState: null,
        toState: 'SUBMITTED',
        at: T0 + 5_001,
      },
      {
        id: 32,
        instanceId: '1',
        task: 'b',
        attempt: 1,
        fromState: 'SUBMITTED',
        toState: 'DISPATCHED',
        at: T0 + 5_001,
      },
    ]);
    const runs = [
      run({ instance: '1', task: 'a', start: T0 + 1_500 }),
      run({ instance: '1', task: 'b', start: T0 + 5_000 }),
    ];
    expect(checkNothingStartsPaused(runs, changes)).toEqual([]);
  });

  it('fails on a task sent while paused (MySQL), and on a run started while paused (record)', () => {
    const sent = history([
      {
        id: 21,
        instanceId: '1',
        task: 'b',
        attempt: 1,
        fromState: null,
        toState: 'SUBMITTED',
        at: T0 + 3_000,
      },
      {
        id: 22,
        instanceId: '1',
        task: 'b',
        attempt: 1,
        fromState: 'SUBMITTED',
        toState: 'DISPATCHED',
        at: T0 + 3_000,
      },
    ]);
    expect(checkNothingStartsPaused([], sent)).toMatchObject([
      { invariant: 'P1', message: expect.stringContaining('task b#1 went DISPATCHED') as unknown },
    ]);
    // Sent after the resume by MySQL's order, but its run is recorded inside the pause.
    const started = [run({ instance: '1', task: 'c', start: T0 + 4_999 })];
    expect(checkNothingStartsPaused(started, history())).toMatchObject([
      { invariant: 'P1', message: expect.stringContaining('c#1') as unknown },
    ]);
  });

  it('fails on a start in a pause never resumed, and judges a later pause on its own', () => {
    const changes = history([
      { id: 40, instanceId: '1', fromState: 'RUNNING', toState: 'READY_PAUSE', at: T0 + 8_000 },
    ]);
    // a#1 was sent before the first pause, but a#2 was not sent before the second.
    const runs = [
      run({ instance: '1', task: 'a', start: T0 + 9_000 }),
      run({ instance: '1', task: 'a', attempt: 2, start: T0 + 9_000 }),
    ];
    expect(checkNothingStartsPaused(runs, changes).map((v) => v.message)).toEqual([
      expect.stringContaining('a#2'),
    ]);
  });
});
