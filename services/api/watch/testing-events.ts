import type { ChangeEvent } from './change-event.js';

/** A change row for unit tests: instance `instanceId`, the instance itself unless `task`. */
export function change(id: number, more: Partial<Omit<ChangeEvent, 'id'>> = {}): ChangeEvent {
  return {
    id: BigInt(id),
    instanceId: '1',
    workflow: 'w',
    task: null,
    attempt: 0,
    fromState: null,
    toState: 'RUNNING',
    worker: null,
    childId: null,
    outputs: null,
    reason: null,
    actor: 'test',
    epoch: '1',
    at: new Date(0),
    ...more,
  };
}

export const ids = (events: readonly ChangeEvent[]) => events.map((e) => Number(e.id));
