import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  ResourceExhaustedError,
  UnavailableError,
} from '../../../shared/errors.js';
import { eventBytes } from './change-event.js';
import { WatchHub } from './watch-hub.js';
import { change, ids } from './testing-events.js';

const never = new AbortController().signal;

describe('WatchHub', () => {
  it('hands each change once to the streams that want it, by instance or by filter', async () => {
    const hub = new WatchHub({ maxStreams: 10, bufferBytes: 1 << 20 }, 0n);
    const one = hub.subscribe({ kind: 'instance', instanceId: '1' }).subscription;
    const done = hub.subscribe({
      kind: 'instances',
      workflow: 'w',
      states: new Set(['SUCCESS']),
    }).subscription;
    hub.publish([
      change(1),
      change(2, { instanceId: '2', toState: 'SUCCESS' }),
      change(3, { task: 'a', toState: 'SUCCESS' }),
      change(4, { toState: 'SUCCESS' }),
      change(5, { instanceId: '3', toState: 'SUCCESS', workflow: 'other' }),
    ]);
    hub.publish([change(4, { toState: 'SUCCESS' })]); // already published: ignored
    expect(one.size).toBe(3);
    expect(
      [await one.take(never), await one.take(never), await one.take(never)].map((e) =>
        Number(e.id),
      ),
    ).toEqual([1, 3, 4]);
    expect(done.size).toBe(2);
    expect(Number((await done.take(never)).id)).toBe(2);
  });

  it('tells a new stream the horizon: what it must read from MySQL, the rest comes live', () => {
    const hub = new WatchHub({ maxStreams: 10, bufferBytes: 1 << 20 }, 7n);
    hub.publish([change(8)]);
    hub.passed(10n);
    const { subscription, horizon } = hub.subscribe({ kind: 'instance', instanceId: '1' });
    expect(horizon).toBe(10n);
    hub.publish([change(9), change(11)]);
    expect(subscription.size).toBe(1);
  });

  it('ends a stream whose client reads too slowly with RESOURCE_EXHAUSTED, dropping its queue', async () => {
    const perEvent = eventBytes(change(1));
    const hub = new WatchHub({ maxStreams: 10, bufferBytes: perEvent * 3 }, 0n);
    const slow = hub.subscribe({ kind: 'instance', instanceId: '1' }).subscription;
    const fast = hub.subscribe({ kind: 'instance', instanceId: '1' }).subscription;
    hub.publish([change(1), change(2), change(3)]);
    for (let i = 0; i < 3; i++) await fast.take(never);
    expect(slow.queuedBytes).toBe(perEvent * 3);
    hub.publish([change(4)]);
    expect(slow.closedWith).toBeInstanceOf(ResourceExhaustedError);
    expect(slow.size).toBe(0);
    await expect(slow.take(never)).rejects.toBeInstanceOf(ResourceExhaustedError);
    expect(Number((await fast.take(never)).id)).toBe(4);
    expect(hub.streams).toBe(1);
    expect(hub.queuedBytes).toBe(0);
  });

  it('refuses streams past maxStreams, and frees the place when one closes', () => {
    const hub = new WatchHub({ maxStreams: 1, bufferBytes: 1 << 20 }, 0n);
    const first = hub.subscribe({ kind: 'instance', instanceId: '1' }).subscription;
    expect(() => hub.subscribe({ kind: 'instance', instanceId: '2' })).toThrow(
      ResourceExhaustedError,
    );
    first.close(new UnavailableError('done'));
    first.close(new UnavailableError('again')); // idempotent: the count drops once
    expect(hub.streams).toBe(0);
    expect(() => hub.subscribe({ kind: 'instance', instanceId: '2' })).not.toThrow();
  });

  it('wakes a waiting stream on publish, and ends every stream UNAVAILABLE on close', async () => {
    const hub = new WatchHub({ maxStreams: 10, bufferBytes: 1 << 20 }, 0n);
    const sub = hub.subscribe({ kind: 'instances', workflow: undefined, states: undefined });
    const waiting = sub.subscription.take(never);
    hub.publish([change(1)]);
    expect(ids([await waiting])).toEqual([1]);
    const next = sub.subscription.take(never);
    hub.close();
    await expect(next).rejects.toBeInstanceOf(UnavailableError);
    expect(() => hub.subscribe({ kind: 'instance', instanceId: '1' })).toThrow(UnavailableError);
  });

  it('stops waiting when the caller goes away', async () => {
    const hub = new WatchHub({ maxStreams: 10, bufferBytes: 1 << 20 }, 0n);
    const { subscription } = hub.subscribe({ kind: 'instance', instanceId: '1' });
    const gone = new AbortController();
    const waiting = subscription.take(gone.signal);
    gone.abort(new Error('cancelled'));
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
  });
});
