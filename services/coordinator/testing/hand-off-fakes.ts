/** In-memory ports for HandOff unit tests (hand-off*.test.ts): etcd's and MySQL's semantics. */
import { createLogger } from '../../../shared/log.js';
import type { Admission } from '../../../shared/serial/serial-values.js';
import { HandOff } from '../hand-off.js';
import { isEnded } from '../instance-states.js';
import type {
  DecisionNotifier,
  Fence,
  HandOffStore,
  InstanceStateReads,
  QueuedInstance,
  SlotHolder,
  Stored,
} from '../serial-ports.js';

export const WORKFLOW = 'wf';
/** This coordinator's claim on shard 0. */
export const FENCE: Fence = { shard: 0, revision: 7n };

/**
 * One definition's slot and queue in memory, with etcd's compare semantics: every write compares
 * the shard claim and the mod revisions it was read at, and each change bumps the revision.
 * `beforeCommit` runs inside each write before its compare, where a test injects a conflicting
 * write (etcd3's `stm.test.ts` does the same inside a transaction's first attempt).
 */
export class FakeStore implements HandOffStore {
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
    return this.transact(
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
    return this.transact(
      fence,
      () => this.slotAt(slot),
      () => (this.held = undefined),
    );
  }

  dropEntry(fence: Fence, entry: Stored<QueuedInstance>): Promise<boolean> {
    return this.transact(
      fence,
      () => this.queue.get(entry.key)?.mod === entry.mod,
      () => this.queue.delete(entry.key),
    );
  }

  private slotAt(slot: Stored<SlotHolder>): boolean {
    return this.held?.mod === slot.mod;
  }

  /** Like an etcd transaction: the compares are evaluated at commit, after any injected write. */
  private transact(fence: Fence, compares: () => boolean, apply: () => unknown): Promise<boolean> {
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
export class FakeStates implements InstanceStateReads {
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

export function setup(states: Record<string, string> = {}) {
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
