/**
 * The task-group workload (issue 15): two definitions whose SHELL tasks share one task group
 * (`chaos-pool`), at two priorities, started faster than the pool lets them run; the workload
 * resizes the pool at random (task-groups.ts). Every task lands in the record.
 */
import { stringify } from 'yaml';
import type { Rng } from './rng.js';
import { taskCommand } from './task-script.js';
import type { WorkloadKind } from './workload-kind.js';

export const CHAOS_POOL = 'chaos-pool';
export const TASK_GROUP_WORKFLOWS = ['tg-low', 'tg-high'] as const;

const params = (rng: Rng) => ({ secs: (rng.int(3, 15) / 10).toFixed(1) });

export const TASK_GROUP_KINDS: readonly WorkloadKind[] = [
  { kind: 'task-group', workflow: 'tg-low', everyMs: [300, 1_200], maxOpen: 8, params },
  { kind: 'task-group-high', workflow: 'tg-high', everyMs: [800, 2_500], maxOpen: 4, params },
];

export function taskGroupDefinitionsYaml(script: string, record: string): string[] {
  const shell = (name: string, priority: number, dependsOn: string[] = []) => ({
    name,
    type: 'SHELL',
    command: taskCommand(script, record, '${secs}'),
    taskGroup: CHAOS_POOL,
    taskGroupPriority: priority,
    dependsOn,
  });
  return [
    // a and b side by side (both wait for the pool), c after them.
    stringify({
      name: 'tg-low',
      params: { secs: '0.5' },
      tasks: [shell('a', 0), shell('b', 0), shell('c', 0, ['a', 'b'])],
    }),
    stringify({ name: 'tg-high', params: { secs: '0.5' }, tasks: [shell('a', 7)] }),
  ];
}
