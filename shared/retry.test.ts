import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidArgumentError, UnavailableError } from './errors.js';
import { durableBackoffMs, withRetry } from './retry.js';

describe('withRetry', () => {
  it('retries retryable failures and returns the first success, numbering attempts from 1', async () => {
    const attempts: number[] = [];
    const result = await withRetry(
      (attempt) => {
        attempts.push(attempt);
        return attempt < 3 ? Promise.reject(new UnavailableError('down')) : Promise.resolve('ok');
      },
      { retries: 5, initialDelayMs: 1, maxDelayMs: 2 },
    );
    expect([result, attempts]).toEqual(['ok', [1, 2, 3]]);
  });

  it('throws a failure its class says is not retryable at once', async () => {
    let calls = 0;
    const failing = withRetry(
      () => {
        calls += 1;
        return Promise.reject(new InvalidArgumentError('x', 'bad'));
      },
      { retries: 5, initialDelayMs: 1 },
    );
    await expect(failing).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(calls).toBe(1);
  });

  it('gives up after the bound, throwing the last failure itself', async () => {
    let calls = 0;
    const failing = withRetry(() => Promise.reject(new ConflictError(`conflict ${(calls += 1)}`)), {
      retries: 2,
      initialDelayMs: 1,
      maxDelayMs: 2,
    });
    await expect(failing).rejects.toThrow('conflict 3');
  });

  it('starts no attempt after the deadline', async () => {
    let calls = 0;
    const failing = withRetry(
      () => {
        calls += 1;
        return Promise.reject(new UnavailableError('down'));
      },
      { retries: Infinity, initialDelayMs: 5, maxDelayMs: 5, deadline: Date.now() + 30 },
    );
    await expect(failing).rejects.toBeInstanceOf(UnavailableError);
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThan(20);
  });

  it('a custom retryOn decides instead of the class', async () => {
    let calls = 0;
    await expect(
      withRetry(
        () => {
          calls += 1;
          return Promise.reject(new InvalidArgumentError('x', 'not yet'));
        },
        { retries: 3, initialDelayMs: 1, maxDelayMs: 1, retryOn: () => true },
      ),
    ).rejects.toThrow('not yet');
    expect(calls).toBe(4);
  });
});

describe('durableBackoffMs', () => {
  const options = { initialDelayMs: 1_000, maxDelayMs: 60_000 };

  it('doubles from the initial delay up to the cap, jittered between half and all of it', () => {
    const low = (attempt: number) => durableBackoffMs(attempt, options, () => 0);
    const high = (attempt: number) => durableBackoffMs(attempt, options, () => 1);
    expect([1, 2, 3, 4].map(high)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([1, 2, 3, 4].map(low)).toEqual([500, 1_000, 2_000, 4_000]);
    expect(high(7)).toBe(60_000);
    expect(low(50)).toBe(30_000);
    expect(high(10_000)).toBe(60_000);
  });

  it('spreads senders out: random draws give different delays within the bounds', () => {
    const delays = Array.from({ length: 200 }, () => durableBackoffMs(5, options));
    expect(new Set(delays).size).toBeGreaterThan(50);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(8_000);
      expect(d).toBeLessThanOrEqual(16_000);
    }
  });

  it('treats attempt 0 or less as the first', () => {
    expect(durableBackoffMs(0, options, () => 1)).toBe(1_000);
  });
});
