import { describe, expect, it } from 'vitest';
import { cachedRead } from './cached-read.js';

describe('cachedRead', () => {
  it('shares one read between concurrent callers and reuses it until the TTL passes', async () => {
    let clock = 0;
    let reads = 0;
    const read = cachedRead(
      () => {
        reads += 1;
        return Promise.resolve(reads);
      },
      1_000,
      () => clock,
    );
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    clock = 999;
    expect(await read()).toBe(1);
    clock = 1_000;
    expect(await read()).toBe(2);
    expect(reads).toBe(2);
  });

  it('does not keep a failure: the next call reads again', async () => {
    let fail = true;
    const read = cachedRead(
      () => (fail ? Promise.reject(new Error('down')) : Promise.resolve('up')),
      60_000,
    );
    await expect(read()).rejects.toThrow('down');
    fail = false;
    expect(await read()).toBe('up');
  });
});
