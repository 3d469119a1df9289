import { describe, expect, it } from 'vitest';
import { FENCE, setup, WORKFLOW } from './testing/hand-off-fakes.js';

/**
 * Issue 14: an instance recovered or resumed from STOP re-enters its queue under a new ticket,
 * drawn after every instance created before it (here instance 5 re-enters as ticket 40, after
 * instances 20 and 30). It waits at the tail, and what etcd still holds of its earlier round
 * (under ticket 5) never lets it run out of turn.
 */
describe('HandOff with re-entered instances (queue tickets)', () => {
  it('admits in ticket order: a re-entry with a low id waits behind those queued before it', async () => {
    const { store, states, handOff } = setup({
      '5': 'SERIAL_WAIT',
      '20': 'SUCCESS',
      '30': 'SERIAL_WAIT',
    });
    states.tickets.set('5', '40');
    store.hold('20');
    store.enqueue('5', 'SERIAL_WAIT', '40', 1);
    store.enqueue('30');
    expect(store.waiting()).toEqual(['30', '5']);
    expect((await handOff.tryAdmit(FENCE, WORKFLOW, 'release', '20')).admitted).toBe('30');
    states.byId.set('30', 'SUCCESS');
    expect((await handOff.tryAdmit(FENCE, WORKFLOW, 'release', '30')).admitted).toBe('5');
    expect(store.holder()).toMatchObject({ instanceId: '5', ticket: '40', round: 1 });
  });

  it('frees a slot held under an earlier round and admits the head, not that instance', async () => {
    // Instance 5 ended holding the slot; its release was lost, and it was recovered since.
    const { store, states, notified, handOff } = setup({ '5': 'SERIAL_WAIT', '30': 'SERIAL_WAIT' });
    states.tickets.set('5', '40');
    store.hold('5');
    store.enqueue('30');
    store.enqueue('5', 'SERIAL_WAIT', '40', 1);
    const result = await handOff.tryAdmit(FENCE, WORKFLOW, 'reconciler');
    expect(result).toMatchObject({ released: '5', admitted: '30' });
    expect(store.holder()).toMatchObject({ instanceId: '30', ticket: '30' });
    expect(store.waiting()).toEqual(['5']);
    expect(notified).toEqual([['master-b', WORKFLOW, '30', 'ADMITTED']]);
  });

  it('drops an entry left from an earlier round instead of admitting the instance early', async () => {
    // Instance 5 was stopped while it waited (its removal was lost), then resumed.
    const { store, states, handOff } = setup({ '5': 'SERIAL_WAIT', '30': 'SERIAL_WAIT' });
    states.tickets.set('5', '40');
    store.enqueue('5');
    store.enqueue('30');
    store.enqueue('5', 'SERIAL_WAIT', '40', 1);
    expect((await handOff.tryAdmit(FENCE, WORKFLOW, 'enqueue')).admitted).toBe('30');
    expect(store.waiting()).toEqual(['5']);
  });

  it('holds the head back while a re-entry with a lower ticket is not queued yet', async () => {
    const { store, states, handOff } = setup({ '5': 'SUBMITTED', '50': 'SERIAL_WAIT' });
    states.tickets.set('5', '40');
    states.lowest = '40';
    store.enqueue('50');
    expect((await handOff.tryAdmit(FENCE, WORKFLOW, 'enqueue')).admitted).toBeUndefined();
    states.lowest = undefined;
    store.enqueue('5', 'SERIAL_WAIT', '40', 1);
    expect((await handOff.tryAdmit(FENCE, WORKFLOW, 'enqueue')).admitted).toBe('5');
  });
});
