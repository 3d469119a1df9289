import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/errors.js';
import { HAND_OFF_MAX_ATTEMPTS } from './hand-off.js';
import { FENCE, setup, WORKFLOW } from './testing/hand-off-fakes.js';

describe('HandOff against in-memory ports', () => {
  it('admits the head into a free slot and tells its master', async () => {
    const { store, notified, handOff } = setup({ '10': 'SERIAL_WAIT' });
    store.enqueue('10');
    const result = await handOff.tryAdmit(FENCE, WORKFLOW, 'enqueue');
    expect(result).toEqual({ admitted: '10', released: undefined, holder: undefined });
    expect(store.holder()).toMatchObject({ instanceId: '10', owner: 'master-b', epoch: 3n });
    expect(store.waiting()).toEqual([]);
    expect(notified).toEqual([['master-b', WORKFLOW, '10', 'ADMITTED']]);
  });

  it('changes nothing while the holder has not ended in MySQL', async () => {
    const { store, notified, handOff } = setup({ '5': 'RUNNING', '10': 'SERIAL_WAIT' });
    store.hold('5');
    store.enqueue('10');
    const result = await handOff.tryAdmit(FENCE, WORKFLOW, 'reconciler');
    expect(result).toEqual({ holder: '5', releasingEnded: undefined });
    expect(store.commits).toBe(0);
    expect(store.holder()?.instanceId).toBe('5');
    expect(store.waiting()).toEqual(['10']);
    expect(notified).toEqual([]);
  });

  it('frees the slot of an ended holder when nobody waits', async () => {
    const { store, notified, handOff } = setup({ '5': 'SUCCESS' });
    store.hold('5');
    const result = await handOff.tryAdmit(FENCE, WORKFLOW, 'reconciler');
    expect(result).toMatchObject({ released: '5', admitted: undefined });
    expect(store.holder()).toBeUndefined();
    expect(notified).toEqual([]);
  });

  it('drops a head that ended while it waited and admits the next one', async () => {
    const { store, notified, handOff } = setup({
      '5': 'SUCCESS',
      '10': 'STOP',
      '11': 'SERIAL_WAIT',
    });
    store.hold('5');
    store.enqueue('10');
    store.enqueue('11');
    const result = await handOff.tryAdmit(FENCE, WORKFLOW, 'reconciler');
    expect(result).toMatchObject({ released: '5', admitted: '11' });
    expect(store.holder()?.instanceId).toBe('11');
    expect(store.waiting()).toEqual([]);
    expect(notified).toEqual([['master-b', WORKFLOW, '11', 'ADMITTED']]);
  });

  it('holds a SERIAL_WAIT head back while an earlier-submitted instance is not queued yet', async () => {
    const { store, states, handOff } = setup({ '11': 'SERIAL_WAIT' });
    states.lowest = '10';
    store.enqueue('11');
    const result = await handOff.tryAdmit(FENCE, WORKFLOW, 'enqueue');
    expect(result.admitted).toBeUndefined();
    expect(store.commits).toBe(0);
    expect(store.holder()).toBeUndefined();
    expect(store.waiting()).toEqual(['11']);

    // Once the earlier one is queued (no longer SUBMITTED), the queue moves on in id order.
    states.lowest = undefined;
    states.byId.set('10', 'SERIAL_WAIT');
    store.enqueue('10');
    expect((await handOff.tryAdmit(FENCE, WORKFLOW, 'enqueue')).admitted).toBe('10');
  });

  it('re-reads and retries when a conflicting write lands between the reads and the commit', async () => {
    const { store, notified, handOff } = setup({ '5': 'SUCCESS', '10': 'SERIAL_WAIT' });
    store.hold('5');
    store.enqueue('10');
    let injected = false;
    store.beforeCommit = () => {
      if (injected) return;
      injected = true;
      store.touchSlot();
    };
    const result = await handOff.tryAdmit(FENCE, WORKFLOW, 'reconciler');
    expect(result).toMatchObject({ released: '5', admitted: '10' });
    expect(store.commits).toBe(2);
    expect(notified).toHaveLength(1);
  });

  it('gives up with a ConflictError after the bounded number of attempts, changing nothing', async () => {
    const { store, notified, handOff } = setup({ '5': 'SUCCESS', '10': 'SERIAL_WAIT' });
    store.hold('5');
    store.enqueue('10');
    store.beforeCommit = () => store.touchSlot();
    await expect(handOff.tryAdmit(FENCE, WORKFLOW, 'reconciler')).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(store.commits).toBe(HAND_OFF_MAX_ATTEMPTS);
    expect(store.holder()?.instanceId).toBe('5');
    expect(store.waiting()).toEqual(['10']);
    expect(notified).toEqual([]);
  });

  it('a deposed coordinator (stale shard claim) never commits', async () => {
    const { store, notified, handOff } = setup({ '5': 'SUCCESS', '10': 'SERIAL_WAIT' });
    store.hold('5');
    store.enqueue('10');
    store.claim = 8n; // another coordinator claimed the shard anew
    await expect(handOff.tryAdmit(FENCE, WORKFLOW, 'reconciler')).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(store.holder()?.instanceId).toBe('5');
    expect(notified).toEqual([]);
  });

  it('reports whether the releasing instance has ended, without asking MySQL twice', async () => {
    const { store, states, handOff } = setup({ '5': 'SUCCESS', '10': 'SERIAL_WAIT' });
    store.hold('5');
    store.enqueue('10');
    const result = await handOff.tryAdmit(FENCE, WORKFLOW, 'release', '5');
    expect(result).toEqual({ releasingEnded: true, released: '5', admitted: '10', holder: '5' });
    // Its state came from the first round of reads; on a release the head is not re-checked.
    expect(states.asked).toEqual([]);
  });

  it('reports a releasing instance that has not ended, and keeps its slot', async () => {
    const { store, handOff } = setup({ '5': 'RUNNING', '10': 'SERIAL_WAIT' });
    store.hold('5');
    store.enqueue('10');
    const result = await handOff.tryAdmit(FENCE, WORKFLOW, 'release', '5');
    expect(result).toEqual({ releasingEnded: false, holder: '5' });
    expect(store.holder()?.instanceId).toBe('5');
    expect(store.waiting()).toEqual(['10']);
  });
});
