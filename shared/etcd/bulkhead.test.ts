import { describe, expect, it } from 'vitest';
import { ResourceExhaustedError } from '../errors.js';
import { EtcdBulkhead } from './bulkhead.js';

/** A promise and the functions that settle it, for holding an operation open. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('EtcdBulkhead', () => {
  it('runs at most `limit` at once; the rest wait their turn in order', async () => {
    const bulk = new EtcdBulkhead(2, 10);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      bulk.run(async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    await expect.poll(() => started).toEqual([0, 1]);
    expect(bulk.running).toBe(2);
    expect(bulk.waiting).toBe(2);
    gates[1]!.open();
    await expect.poll(() => started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(bulk.running).toBe(0);
  });

  it('refuses with a retryable ResourceExhaustedError once its queue is full', async () => {
    const bulk = new EtcdBulkhead(1, 1);
    const held = gate();
    const first = bulk.run(() => held.promise);
    const second = bulk.run(() => Promise.resolve('queued'));
    const refused = bulk.run(() => Promise.resolve('never'));
    await expect(refused).rejects.toBeInstanceOf(ResourceExhaustedError);
    await expect(refused).rejects.toMatchObject({ retryable: true });
    held.open();
    await first;
    expect(await second).toBe('queued');
  });

  it('passes an operation failure through unchanged and frees its place', async () => {
    const bulk = new EtcdBulkhead(1, 0);
    const failure = new Error('etcd said no');
    await expect(bulk.run(() => Promise.reject(failure))).rejects.toBe(failure);
    expect(await bulk.run(() => Promise.resolve(7))).toBe(7);
  });
});
