import { describe, expect, it } from 'vitest';
import { activeMs, parsePauseSpans, withPause } from './pause-clock.js';

describe('pause clock', () => {
  it('counts only the time outside the pauses', () => {
    const spans = parsePauseSpans(withPause(parsePauseSpans(withPause([], 10, 20)), 30, 40));
    expect(spans).toEqual([
      [10, 20],
      [30, 40],
    ]);
    expect(activeMs(spans, 0, 50)).toBe(30);
    // A pause before `from` does not count against it; one cut by `to` counts in part.
    expect(activeMs(spans, 25, 35)).toBe(5);
    expect(activeMs(spans, 15, 50)).toBe(20);
    expect(activeMs([], 5, 3)).toBe(0);
  });

  it('reads an empty or unreadable column as no pauses', () => {
    expect(parsePauseSpans(null)).toEqual([]);
    expect(parsePauseSpans('nope')).toEqual([]);
    expect(parsePauseSpans('[[3,1],[1,"x"],[1,2]]')).toEqual([[1, 2]]);
  });
});
