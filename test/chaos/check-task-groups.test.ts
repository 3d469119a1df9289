import { describe, expect, it } from 'vitest';
import { run, T0 } from '../support/chaos-evidence.js';
import { checkTaskGroups, sizeBound } from './check-task-groups.js';

describe('task group checks (T1, T2)', () => {
  const sizes = [
    { at: T0 - 60_000, size: 2 },
    { at: T0 + 10_000, size: 1 },
  ];

  it('allows a run the size in force when it was admitted', () => {
    expect(sizeBound(sizes, T0)).toBe(2);
    expect(sizeBound(sizes, T0 + 11_000)).toBe(2);
    expect(sizeBound(sizes, T0 + 13_000)).toBe(1);
    // Two ran before the shrink and finish after it; a third starting after it is one too many.
    const runs = [
      run({ instance: '1', start: T0, end: T0 + 20_000 }),
      run({ instance: '2', start: T0 + 1_000, end: T0 + 20_000 }),
    ];
    expect(checkTaskGroups(runs, sizes, [], { holders: [], waiting: 0 })).toEqual([]);
    const third = run({ instance: '3', start: T0 + 15_000, end: T0 + 16_000 });
    const found = checkTaskGroups([...runs, third], sizes, [], undefined);
    expect(found.map((v) => v.invariant)).toEqual(['T1']);
  });

  it('reports a task left waiting and a leaked slot (T2)', () => {
    const found = checkTaskGroups(
      [],
      sizes,
      [
        {
          instanceId: '4',
          task: 'a',
          type: 'SHELL',
          attempt: 1,
          round: 0,
          state: 'WAITING_GROUP',
          childInstanceId: null,
          decision: null,
        },
      ],
      { holders: ['5/a#1'], waiting: 0 },
    );
    expect(found.map((v) => v.invariant)).toEqual(['T2', 'T2']);
  });
});
