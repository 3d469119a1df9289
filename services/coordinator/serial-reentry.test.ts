import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { connectEtcd } from '../../shared/etcd/connect.js';
import { createLogger } from '../../shared/log.js';
import { SerialKeys } from '../../shared/serial/serial-keys.js';
import type { Admission } from '../../shared/serial/serial-values.js';
import { etcdEndpoint, uniqueEtcdPrefix } from '../../test/support/test-env.js';
import { HandOff } from './hand-off.js';
import { isEnded } from './instance-states.js';
import { SerialOperations, type EnqueueInput } from './serial-operations.js';
import type { DecisionNotifier, InstanceStateReads } from './serial-ports.js';
import { SerialStore } from './serial-store.js';
import type { ShardKeeper } from './shard-keeper.js';

/** MySQL as the coordinator reads it: states, and tickets of instances carried on in place. */
class States implements InstanceStateReads {
  readonly byId = new Map<string, string>();
  readonly tickets = new Map<string, string>();
  state(id: string): Promise<string | undefined> {
    return Promise.resolve(this.byId.get(id));
  }
  stale(admissions: readonly Admission[]): Promise<Set<string>> {
    const gone = (a: Admission): boolean =>
      isEnded(this.byId.get(a.instanceId)) ||
      (this.tickets.get(a.instanceId) ?? a.instanceId) !== a.ticket;
    return Promise.resolve(new Set(admissions.filter(gone).map((a) => a.ticket)));
  }
  async isStale(admission: Admission): Promise<boolean> {
    return (await this.stale([admission])).has(admission.ticket);
  }
  lowestUnqueued(): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }
}

/**
 * Issue 14 on a real etcd: an instance recovered or resumed from STOP asks for the slot under a
 * new ticket. What its earlier round left in etcd never answers for it, and SERIAL_PRIORITY
 * counts it as the newest admission.
 */
describe('SerialOperations with re-entered instances', () => {
  const etcd = connectEtcd([etcdEndpoint()]);
  afterAll(() => etcd.close());
  let keys: SerialKeys;
  let store: SerialStore;
  let states: States;
  let stopped: string[];
  let operations: SerialOperations;

  beforeEach(async () => {
    keys = new SerialKeys(uniqueEtcdPrefix('serial-reentry'));
    store = new SerialStore(etcd, keys);
    states = new States();
    stopped = [];
    const claim = await etcd.put(keys.shard(0)).value('coordinator-test').exec();
    const revision = BigInt(claim.header.revision);
    const keeper = { fenceFor: () => ({ shard: 0, revision }) } as unknown as ShardKeeper;
    const notifier: DecisionNotifier = { notify: () => {} };
    const log = createLogger('coordinator', 'test', 'silent');
    const handOff = new HandOff(store, states, notifier, log);
    operations = new SerialOperations(
      keeper,
      store,
      states,
      handOff,
      notifier,
      (id) => void stopped.push(id),
      log,
    );
  });

  const ask = (instanceId: string, executionType: string, ticket = instanceId, round = 0) => {
    const input: EnqueueInput = {
      workflow: 'wf',
      instanceId,
      ticket,
      round,
      executionType,
      owner: 'master-1',
      epoch: 1n,
    };
    return operations.enqueue(input);
  };

  async function holdSlot(instanceId: string, ticket: string): Promise<void> {
    const since = new Date().toISOString();
    const value = { instanceId, ticket, round: 0, owner: 'master-0', epoch: '1', since };
    await etcd.put(keys.slot(0, 'wf')).value(JSON.stringify(value)).exec();
  }

  /** Entries written as an earlier coordinator would have (no ticket field: the id). */
  async function queue(...ids: string[]): Promise<void> {
    for (const instanceId of ids) {
      const value = {
        instanceId,
        owner: 'm',
        epoch: '1',
        queuedAt: '',
        executionType: 'SERIAL_WAIT',
      };
      await etcd
        .put(keys.queueEntry(0, 'wf', instanceId))
        .value(JSON.stringify(value))
        .exec();
    }
  }

  const waiting = async (): Promise<string[]> =>
    (await store.head(0, 'wf', 10)).map((e) => `${e.value.instanceId}@${e.value.ticket}`);

  it('is not ADMITTED on the slot its earlier round still holds; it queues behind those waiting', async () => {
    // A (5) ended holding the slot, its release was lost, and it was recovered as ticket 40;
    // 30 and 31 were queued meanwhile.
    states.byId.set('5', 'SUBMITTED').set('30', 'SERIAL_WAIT').set('31', 'SERIAL_WAIT');
    states.tickets.set('5', '40');
    await holdSlot('5', '5');
    await queue('30', '31');
    expect(await ask('5', 'SERIAL_WAIT', '40', 1)).toMatchObject({
      decision: 'QUEUED',
      position: 2,
      holder: '30',
    });
    expect(await waiting()).toEqual(['31@31', '5@40']);
    // Asking again is answered from its entry under the new ticket.
    expect(await ask('5', 'SERIAL_WAIT', '40', 1)).toMatchObject({
      decision: 'QUEUED',
      position: 2,
    });
  });

  it('removes only the entry under the ticket it names', async () => {
    states.byId.set('20', 'RUNNING').set('5', 'SERIAL_WAIT');
    states.tickets.set('5', '40');
    await holdSlot('20', '20');
    await ask('5', 'SERIAL_WAIT', '40', 1);
    expect(await operations.remove('wf', { instanceId: '5', ticket: '5', round: 0 })).toBe(false);
    expect(await waiting()).toEqual(['5@40']);
    expect(await operations.remove('wf', { instanceId: '5', ticket: '40', round: 1 })).toBe(true);
    expect(await waiting()).toEqual([]);
  });

  it('SERIAL_PRIORITY: a re-entry is the newest admission; a later submission supersedes it', async () => {
    states.byId.set('20', 'RUNNING').set('5', 'SERIAL_WAIT').set('50', 'SERIAL_WAIT');
    states.tickets.set('5', '40');
    await holdSlot('20', '20');
    // Instance 5 has a lower id than the holder, but its ticket is newer: it is not discarded.
    expect(await ask('5', 'SERIAL_PRIORITY', '40', 1)).toMatchObject({ decision: 'QUEUED' });
    expect(stopped).toEqual(['20']);
    expect((await ask('50', 'SERIAL_PRIORITY')).decision).toBe('QUEUED');
    expect(await waiting()).toEqual(['50@50']);
    const tombstone = await store.tombstone(0, 'wf', '5');
    expect(tombstone?.value).toMatchObject({ instanceId: '5', ticket: '40', round: 1 });
    expect((await ask('5', 'SERIAL_PRIORITY', '40', 1)).decision).toBe('DISCARDED');
  });
});
