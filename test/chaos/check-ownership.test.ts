import { describe, expect, it } from 'vitest';
import { change, instance, T0 } from '../support/chaos-evidence.js';
import { checkSingleOwner, SELF_FENCE_SLACK_MS } from './check-ownership.js';
import type { Fault } from './faults.js';

describe('F1 single owner', () => {
  const rows = [instance({ id: '5', owner: 'master-2', ownerEpoch: 20n })];

  it('passes a takeover: epochs only grow, one master per epoch', () => {
    const changes = [
      change({ instanceId: '5', epoch: 0n, actor: 'api-1', fromState: null, toState: 'SUBMITTED' }),
      change({ instanceId: '5', epoch: 10n, actor: 'master-1' }),
      change({ instanceId: '5', epoch: 20n, actor: 'master-2', toState: 'RUNNING' }),
      change({ instanceId: '5', epoch: 20n, actor: 'master-2', toState: 'SUCCESS' }),
    ];
    expect(checkSingleOwner(changes, rows, [], 3_000)).toEqual([]);
  });

  it('passes the repair writes on an ended instance under its old epoch (a reopen, a forced task)', () => {
    const changes = [
      change({ instanceId: '5', epoch: 20n, actor: 'master-2', toState: 'FAILURE' }),
      change({
        instanceId: '5',
        epoch: 20n,
        actor: 'api-1',
        task: 'a',
        attempt: 1,
        fromState: 'FAILURE',
        toState: 'FORCED_SUCCESS',
      }),
      change({
        instanceId: '5',
        epoch: 20n,
        actor: 'api-1',
        fromState: 'FAILURE',
        toState: 'SUBMITTED',
      }),
    ];
    expect(checkSingleOwner(changes, rows, [], 3_000)).toEqual([]);
    // Any other write by another actor under that epoch is still one.
    const other = change({
      instanceId: '5',
      epoch: 20n,
      actor: 'api-1',
      fromState: 'FAILURE',
      toState: 'RUNNING',
    });
    expect(checkSingleOwner([...changes, other], rows, [], 3_000)).toHaveLength(1);
  });

  it('fails on a write under an older epoch after a newer claim', () => {
    const changes = [
      change({ instanceId: '5', epoch: 20n, actor: 'master-2' }),
      change({ instanceId: '5', epoch: 10n, actor: 'master-1', task: 'a', attempt: 1 }),
    ];
    expect(checkSingleOwner(changes, rows, [], 3_000)).toMatchObject([
      { invariant: 'F1', message: expect.stringContaining('after epoch 20') as unknown },
    ]);
  });

  it('fails when two masters wrote under one epoch, or the owner is not who wrote', () => {
    const changes = [
      change({ instanceId: '5', epoch: 20n, actor: 'master-1' }),
      change({ instanceId: '5', epoch: 20n, actor: 'master-3' }),
    ];
    const v = checkSingleOwner(changes, rows, [], 3_000);
    expect(v.map((x) => x.message)).toEqual([
      expect.stringContaining('written by master-1 and master-3'),
      expect.stringContaining('owned by master-2'),
    ]);
  });

  it('fails when a paused or partitioned master wrote past its lease TTL', () => {
    const cut: Fault = {
      kind: 'partition-master',
      target: 'master-2',
      start: T0,
      end: T0 + 10_000,
      detail: '',
    };
    const at = (ms: number) => [change({ instanceId: '5', epoch: 20n, actor: 'master-2', at: ms })];
    expect(checkSingleOwner(at(T0 + 3_000), rows, [cut], 3_000)).toEqual([]);
    expect(checkSingleOwner(at(T0 + 11_000), rows, [cut], 3_000)).toEqual([]);
    expect(
      checkSingleOwner(at(T0 + 3_000 + SELF_FENCE_SLACK_MS + 1), rows, [cut], 3_000),
    ).toMatchObject([{ invariant: 'F1' }]);
  });

  it("passes a stalled master's late writes under its own epoch, not a late write after a newer claim", () => {
    const stall: Fault = {
      kind: 'stall-mysql',
      target: 'master-2',
      start: T0,
      end: T0 + 6_000,
      detail: '',
    };
    // Queued during the stall, committed as it heals: still the owner, still its epoch.
    const late = change({ instanceId: '5', epoch: 20n, actor: 'master-2', at: T0 + 5_999 });
    expect(checkSingleOwner([late], rows, [stall], 3_000)).toEqual([]);
    // The instance was taken back under a newer epoch meanwhile: the late write is stale.
    const reclaimed = [
      change({ instanceId: '5', epoch: 30n, actor: 'master-2', at: T0 + 5_000 }),
      change({ instanceId: '5', epoch: 20n, actor: 'master-2', at: T0 + 5_999 }),
    ];
    const owner = [instance({ id: '5', owner: 'master-2', ownerEpoch: 30n })];
    expect(checkSingleOwner(reclaimed, owner, [stall], 3_000)).toMatchObject([
      { invariant: 'F1', message: expect.stringContaining('after epoch 30') as unknown },
    ]);
  });
});
