import { describe, expect, it } from 'vitest';
import { planBackfill, type BackfillView } from './backfill-plan.js';

const view = (over: Partial<BackfillView> = {}): BackfillView => ({
  state: 'RUNNING',
  fireTimes: [1, 2, 3, 4, 5],
  parallel: 2,
  onFailure: 'continue',
  rerun: new Set(),
  ...over,
});
const of = (entries: [number, string][]) =>
  new Map(entries.map(([at, state], i) => [at, { id: String(i + 10), state }]));

describe('planBackfill', () => {
  it('starts pending dates in order up to `parallel` running', () => {
    expect(planBackfill(view(), of([])).start).toEqual([1, 2]);
    const step = planBackfill(
      view(),
      of([
        [1, 'RUNNING'],
        [2, 'SUCCESS'],
      ]),
    );
    expect(step.start).toEqual([3]);
    expect(step.counts).toEqual({ done: 1, failed: 0, running: 2, pending: 2 });
    // A date waiting for its serial slot counts as running: it holds its place.
    expect(
      planBackfill(
        view(),
        of([
          [1, 'SERIAL_WAIT'],
          [2, 'PAUSE'],
        ]),
      ).start,
    ).toEqual([]);
  });

  it('continues past a failure and ends FAILED naming how many failed', () => {
    const step = planBackfill(
      view({ fireTimes: [1, 2, 3] }),
      of([
        [1, 'SUCCESS'],
        [2, 'FAILURE'],
        [3, 'SERIAL_DISCARD'],
      ]),
    );
    expect(step.failedDates).toEqual([2, 3]);
    expect(step.end).toEqual({ state: 'FAILED', reason: '2 of 3 dates did not succeed' });
    expect(
      planBackfill(
        view({ fireTimes: [1, 2] }),
        of([
          [1, 'SUCCESS'],
          [2, 'SUCCESS'],
        ]),
      ).end,
    ).toEqual({ state: 'SUCCESS', reason: null });
  });

  it('stops starting at the first failure with on-failure stop', () => {
    const step = planBackfill(
      view({ onFailure: 'stop' }),
      of([
        [1, 'FAILURE'],
        [2, 'RUNNING'],
      ]),
    );
    expect(step.start).toEqual([]);
    expect(step.end?.state).toBe('FAILED');
    expect(step.end?.reason).toContain('1970-01-01T00:00:00.001Z ended FAILURE (instance 10)');
  });

  it('starts nothing unless RUNNING, but still counts', () => {
    const step = planBackfill(view({ state: 'STOP' }), of([[1, 'RUNNING']]));
    expect(step).toEqual({
      start: [],
      counts: { done: 0, failed: 0, running: 1, pending: 4 },
      failedDates: [],
    });
  });

  it('starts the dates a resume named again, within parallel, before later ones', () => {
    const instances = of([
      [1, 'FAILURE'],
      [2, 'STOP'],
      [3, 'SUCCESS'],
    ]);
    // Instance ids: 10 for date 1, 11 for date 2.
    const step = planBackfill(view({ state: 'RUNNING', rerun: new Set(['10', '11']) }), instances);
    expect(step.start).toEqual([1, 2]);
    expect(step.failedDates).toEqual([]);
    expect(step.counts).toEqual({ done: 1, failed: 0, running: 2, pending: 2 });
    // Not named: they stay failed.
    expect(planBackfill(view(), instances).failedDates).toEqual([1, 2]);
  });
});
