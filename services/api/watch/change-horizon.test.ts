import { describe, expect, it } from 'vitest';
import { ChangeHorizon } from './change-horizon.js';
import { change, ids } from './testing-events.js';

const TIMEOUT = 1_000;

describe('ChangeHorizon', () => {
  it('publishes contiguous rows in id order, whatever order they were read in', () => {
    const h = new ChangeHorizon(0n);
    h.add([change(2), change(1), change(3)]);
    expect(ids(h.advance(0, TIMEOUT).published)).toEqual([1, 2, 3]);
    expect(h.horizon).toBe(3n);
  });

  it('holds rows behind a gap until the missing row commits, then publishes all in order', () => {
    const h = new ChangeHorizon(0n);
    h.add([change(1), change(3), change(4)]);
    expect(ids(h.advance(0, TIMEOUT).published)).toEqual([1]);
    expect(h.horizon).toBe(1n);
    expect(h.openGap()).toEqual({ after: 1n, through: 4n, since: 0 });
    // A later read sees 2 (its transaction committed after 3 and 4 had become visible).
    h.add([change(2), change(3), change(4)]);
    expect(ids(h.advance(10, TIMEOUT).published)).toEqual([2, 3, 4]);
    expect(h.openGap()).toBeUndefined();
  });

  it('never publishes a row twice, nor one at or below the horizon', () => {
    const h = new ChangeHorizon(5n);
    h.add([change(4), change(5), change(6)]);
    expect(ids(h.advance(0, TIMEOUT).published)).toEqual([6]);
    h.add([change(6), change(7)]);
    expect(ids(h.advance(0, TIMEOUT).published)).toEqual([7]);
  });

  it('moves past a gap a settling read proved final (a rollback), without waiting', () => {
    const h = new ChangeHorizon(0n);
    h.add([change(1), change(4)]);
    h.advance(0, TIMEOUT);
    h.settleThrough(4n);
    const { published, lost } = h.advance(1, TIMEOUT);
    expect(ids(published)).toEqual([4]);
    expect(lost).toEqual([]);
  });

  it('a settling read through the middle of a gap closes only that part', () => {
    const h = new ChangeHorizon(0n);
    h.add([change(5)]);
    h.advance(0, TIMEOUT);
    h.settleThrough(2n);
    expect(ids(h.advance(1, TIMEOUT).published)).toEqual([]);
    expect(h.horizon).toBe(2n);
  });

  it('gives a gap up as lost only after the timeout, and reports the ids', () => {
    const h = new ChangeHorizon(0n);
    h.add([change(1), change(4)]);
    h.advance(0, TIMEOUT);
    expect(ids(h.advance(TIMEOUT - 1, TIMEOUT).published)).toEqual([]);
    const { published, lost } = h.advance(TIMEOUT, TIMEOUT);
    expect(ids(published)).toEqual([4]);
    expect(lost).toEqual([[2n, 3n]]);
  });

  it('has no gap while nothing waits beyond the horizon (the tail of the table is not a gap)', () => {
    const h = new ChangeHorizon(0n);
    h.add([change(1)]);
    h.advance(0, TIMEOUT);
    expect(h.openGap()).toBeUndefined();
    expect(h.advance(10 * TIMEOUT, TIMEOUT).lost).toEqual([]);
  });
});
