import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidArgumentError, UnavailableError } from './errors.js';
import { withRetry } from './retry.js';

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
