import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/errors.js';
import { createLogger } from '../../shared/log.js';
import { HAND_OFF_MAX_ATTEMPTS, HandOff } from './hand-off.js';
import { isEnded } from './instance-states.js';
import type { Admission } from '../../shared/serial/serial-values.js';
import type {
  DecisionNotifier,
  Fence,
  HandOffStore,
  InstanceStateReads,
  QueuedInstance,
  SlotHolder,
  Stored,
} from './serial-ports.js';

const WORKFLOW = 'wf';
/** This coordinator's claim on shard 0. */
const FENCE: Fence = { shard: 0, revision: 7n };

/**
 * One definition's slot and queue in memory, with etcd's compare semantics: every write compares
 * the shard claim and the mod revisions it was read at, and each change bumps the revision.
 * `beforeCommit` runs inside each write before its compare, where a test injects a conflicting
 * write (etcd3's `stm.test.ts` does the same inside a transaction's first attempt).
 */
class FakeStore implements HandOffStore {
  claim = FENCE.revision;
  commits = 0;
  beforeCommit: (() => void) | undefined;
  private revision = 100;
  private held: Stored<SlotHolder> | undefined;
  private readonly queue = new Map<string, Stored<QueuedInstance>>();

  hold(instanceId: string, ticket = instanceId, round = 0): void {
    const since = new Date().toISOString();
    const value = { instanceId, ticket, round, owner: 'master-a', epoch: 1n, since };
    this.held = { key: 'slot', value, mod: this.bump() };
  }

  /** Queues an instance under `ticket` (its id unless it re-entered in a later round). */
  enqueue(instanceId: string, executionType = 'SERIAL_WAIT', ticket = instanceId, round = 0): void {
    const key = `queue/${ticket.padStart(20, '0')}`;
    const value = {
      instanceId,
      ticket,
      round,
      owner: 'master-b',
      epoch: 3n,
      queuedAt: '',
      executionType,
    };
    this.queue.set(key, { key, value, mod: this.bump() });
  }

  /** A write by someone else between the hand-off's reads and its commit (a new holder owner). */
  touchSlot(): void {
    if (this.held !== undefined) this.held = { ...this.held, mod: this.bump() };
  }

  holder(): SlotHolder | undefined {
    return this.held?.value;
  }

  /** Waiting instances in queue (key) order. */
  waiting(): string[] {
    return [...this.queue.keys()].sort().map((key) => this.queue.get(key)!.value.instanceId);
  }

  slot(): Promise<Stored<SlotHolder> | undefined> {
    return Promise.resolve(this.held);
  }

  head(_shard: number, _workflow: string, n: number): Promise<Stored<QueuedInstance>[]> {
    const sorted = [...this.queue.keys()].sort().slice(0, n);
    return Promise.resolve(sorted.map((key) => this.queue.get(key)!));
  }

  admitHead(
    fence: Fence,
    _workflow: string,
    slot: Stored<SlotHolder> | undefined,
    head: Stored<QueuedInstance>,
  ): Promise<boolean> {
    return this.commit(
      fence,
      () =>
        (slot === undefined ? this.held === undefined : this.slotAt(slot)) &&
        this.queue.get(head.key)?.mod === head.mod,
      () => {
        const { instanceId, ticket, round, owner, epoch } = head.value;
        const since = new Date().toISOString();
        const value = { instanceId, ticket, round, owner, epoch, since };
        this.held = { key: 'slot', value, mod: this.bump() };
        this.queue.delete(head.key);
      },
    );
  }

  freeSlot(fence: Fence, slot: Stored<SlotHolder>): Promise<boolean> {
    return this.commit(
      fence,
      () => this.slotAt(slot),
      () => (this.held = undefined),
    );
  }

  dropEntry(fence: Fence, entry: Stored<QueuedInstance>): Promise<boolean> {
    return this.commit(
      fence,
      () => this.queue.get(entry.key)?.mod === entry.mod,
      () => this.queue.delete(entry.key),
    );
  }

  private slotAt(slot: Stored<SlotHolder>): boolean {
    return this.held?.mod === slot.mod;
  }

  /** Like an etcd transaction: the compares are evaluated at commit, after any injected write. */
  private commit(fence: Fence, compares: () => boolean, apply: () => unknown): Promise<boolean> {
    this.commits += 1;
    this.beforeCommit?.();
    const ok = fence.revision === this.claim && compares();
    if (ok) apply();
    return Promise.resolve(ok);
  }

  private bump(): string {
    this.revision += 1;
    return String(this.revision);
  }
}

/**
 * MySQL's view of instances: a state per id, the queue ticket of those carried on in place
 * (the others' ticket is their id), and the lowest ticket of a SUBMITTED SERIAL_WAIT one.
 */
class FakeStates implements InstanceStateReads {
  readonly byId = new Map<string, string>();
  readonly tickets = new Map<string, string>();
  lowest: string | undefined;
  readonly asked: string[] = [];

  state(instanceId: string): Promise<string | undefined> {
    return Promise.resolve(this.byId.get(instanceId));
  }

  stale(admissions: readonly Admission[]): Promise<Set<string>> {
    this.asked.push(...admissions.map((a) => a.instanceId));
    const current = (id: string): string => this.tickets.get(id) ?? id;
    return Promise.resolve(
      new Set(
        admissions
          .filter((a) => isEnded(this.byId.get(a.instanceId)) || current(a.instanceId) !== a.ticket)
          .map((a) => a.ticket),
      ),
    );
  }

  lowestUnqueued(): Promise<string | undefined> {
    return Promise.resolve(this.lowest);
  }
}

function setup(states: Record<string, string> = {}) {
  const store = new FakeStore();
  const fakeStates = new FakeStates();
  for (const [id, state] of Object.entries(states)) fakeStates.byId.set(id, state);
  /** What was pushed to masters: owner, workflow, instance id, decision. */
  const notified: [string, string, string, string][] = [];
  const notifier: DecisionNotifier = {
    notify: (owner, workflow, admission, decision) =>
      void notified.push([owner, workflow, admission.instanceId, decision]),
  };
  const log = createLogger('coordinator', 'test', 'silent');
  const handOff = new HandOff(store, fakeStates, notifier, log);
  return { store, states: fakeStates, notified, handOff };
}

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
