/**
 * The chaos workload's workflow definitions and how often each kind is started. Every SHELL task
 * runs the chaos task script (task-script.ts), so everything that executes lands in the record.
 */
import { stringify } from 'yaml';
import { BACKFILL_KINDS, backfillDefinitionsYaml } from './definitions-backfill.js';
import { CONTROL_KINDS, controlDefinitionsYaml } from './definitions-controls.js';
import { TASK_GROUP_KINDS, taskGroupDefinitionsYaml } from './definitions-task-groups.js';
import type { Rng } from './rng.js';
import type { WorkloadKind } from './workload-kind.js';
import { taskCommand } from './task-script.js';

export type { WorkloadKind };

/** Seconds of work with one decimal, drawn uniformly from [min, max]. */
function seconds(rng: Rng, min: number, max: number): string {
  return (rng.int(min * 10, max * 10) / 10).toFixed(1);
}

export const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  {
    // Started faster than they finish: the queue is rarely empty.
    kind: 'serial-wait',
    workflow: 'wait-fast',
    everyMs: [300, 1_100],
    maxOpen: 8,
    params: (rng) => ({ secs: seconds(rng, 0.4, 1.5) }),
  },
  {
    // A 2 s workflow timeout and tasks of 1 to 3.5 s: about half are stopped by the timeout,
    // racing the hand-off to the next instance (DolphinScheduler #16369).
    kind: 'serial-wait-timeout',
    workflow: 'wait-timeout',
    everyMs: [800, 2_500],
    maxOpen: 5,
    params: (rng) => ({ secs: seconds(rng, 1, 3.5) }),
  },
  {
    kind: 'serial-discard',
    workflow: 'discard',
    everyMs: [400, 2_000],
    maxOpen: 4,
    params: (rng) => ({ secs: seconds(rng, 0.8, 2) }),
  },
  {
    kind: 'serial-priority',
    workflow: 'priority',
    everyMs: [500, 2_500],
    maxOpen: 4,
    params: (rng) => ({ secs: seconds(rng, 1, 3) }),
  },
  {
    // root -> mid -> leaf: sub-workflows two levels deep; the leaves are serial, so the
    // children of different parents queue for one slot.
    kind: 'tree',
    workflow: 'tree-root',
    everyMs: [1_500, 4_000],
    maxOpen: 4,
    params: (rng) => treeParams(rng),
  },
  {
    // A serial parent of the same two-level tree.
    kind: 'tree-serial',
    workflow: 'tree-root-serial',
    everyMs: [2_500, 6_000],
    maxOpen: 3,
    params: (rng) => treeParams(rng),
  },
  {
    // Tasks that fail their first attempts and are retried.
    kind: 'parallel-retry',
    workflow: 'retry',
    everyMs: [800, 3_000],
    maxOpen: 5,
    params: (rng) => ({
      secs: seconds(rng, 0.3, 1.5),
      xfails: String(rng.int(0, 2)),
      yfails: String(rng.int(0, 1)),
    }),
  },
  {
    // D1: a SWITCH on a value drawn at run time and a CONDITIONS on a coin-toss task, each
    // routing to exclusive branches that a join waits for. Decided once, across failovers.
    kind: 'branching',
    workflow: 'branch',
    everyMs: [1_000, 3_000],
    maxOpen: 4,
    params: (rng) => ({ secs: seconds(rng, 0.3, 1.2) }),
  },
  // Issue 14: pauses, resumes, stops, recovers and force-successes at random (controls.ts).
  ...CONTROL_KINDS,
  // Issue 15: backfills over date ranges, stopped and resumed at random (backfills.ts).
  ...BACKFILL_KINDS,
  // Issue 15: tasks sharing a task group that is resized at random (task-groups.ts).
  ...TASK_GROUP_KINDS,
];

function treeParams(rng: Rng): Record<string, string> {
  return {
    rsecs: seconds(rng, 0.2, 1),
    msecs: seconds(rng, 0.2, 1),
    lsecs: seconds(rng, 0.3, 1.2),
  };
}

/**
 * Every definition, children before their parents (a sub-workflow must exist when its parent is
 * applied), as YAML for ApplyWorkflow.
 */
export function definitionsYaml(script: string, record: string, fixDir: string): string[] {
  const shell = (name: string, secs: string, fails = '0', extra: object = {}, picks = 0) => ({
    name,
    type: 'SHELL',
    command: taskCommand(script, record, secs, fails, picks),
    ...extra,
  });
  const sub = (name: string, workflow: string, dependsOn: string[] = []) => ({
    name,
    type: 'SUB_WORKFLOW',
    workflow,
    dependsOn,
  });
  const defs: object[] = [
    { name: 'wait-fast', executionType: 'SERIAL_WAIT', tasks: [shell('a', '${secs}')] },
    {
      name: 'wait-timeout',
      executionType: 'SERIAL_WAIT',
      timeout: '2s',
      timeoutStrategy: 'STOP',
      tasks: [shell('a', '${secs}')],
    },
    { name: 'discard', executionType: 'SERIAL_DISCARD', tasks: [shell('a', '${secs}')] },
    { name: 'priority', executionType: 'SERIAL_PRIORITY', tasks: [shell('a', '${secs}')] },
    {
      name: 'tree-leaf',
      executionType: 'SERIAL_WAIT',
      params: { lsecs: '0.5' },
      tasks: [shell('l', '${lsecs}')],
    },
    {
      name: 'tree-mid',
      params: { msecs: '0.5' },
      tasks: [shell('m', '${msecs}'), sub('leaf', 'tree-leaf', ['m'])],
    },
    {
      name: 'tree-root',
      params: { rsecs: '0.5' },
      tasks: [shell('r', '${rsecs}'), sub('mid', 'tree-mid', ['r'])],
    },
    {
      name: 'tree-root-serial',
      executionType: 'SERIAL_WAIT',
      params: { rsecs: '0.5' },
      tasks: [shell('r', '${rsecs}'), sub('mid', 'tree-mid', ['r'])],
    },
    {
      name: 'retry',
      params: { secs: '0.5', xfails: '0', yfails: '0' },
      tasks: [
        shell('x', '${secs}', '${xfails}', { retries: 2, retryInterval: '1s' }),
        shell('y', '${secs}', '${yfails}', { retries: 2, retryInterval: '500ms' }),
        { ...shell('z', '0.2'), dependsOn: ['x', 'y'] },
      ],
    },
    branchDefinition(shell),
  ];
  return [
    ...defs.map((d) => stringify(d)),
    ...controlDefinitionsYaml(script, record, fixDir),
    ...backfillDefinitionsYaml(script, record),
    ...taskGroupDefinitionsYaml(script, record),
  ];
}

/**
 * `branch`: `pick` draws 0, 1 or 2 at run time (a new draw per attempt) and `route` (SWITCH)
 * sends it to `left`, `middle` or (default) `right`; `coin` fails or succeeds at random (one
 * retry, so the CONDITIONS must wait for its final state) and `check` (CONDITIONS) sends it to
 * `heads` or `tails`. `join` runs after whichever branches ran (the others are SKIPPED). Every
 * SHELL task lands in the record, so the D1 check sees which branches ran.
 */
function branchDefinition(
  shell: (name: string, secs: string, fails?: string, extra?: object, picks?: number) => object,
): object {
  const branch = (name: string, after: string) =>
    shell(name, '${secs}', '0', { dependsOn: [after] });
  return {
    name: 'branch',
    params: { secs: '0.5' },
    tasks: [
      shell('pick', '${secs}', '0', { outputs: ['pick'] }, 3),
      shell('coin', '${secs}', 'coin', { retries: 1, retryInterval: '500ms' }),
      {
        name: 'route',
        type: 'SWITCH',
        dependsOn: ['pick'],
        switch: [
          { when: '${pick} == 0', next: 'left' },
          { when: '${pick} == 1', next: 'middle' },
        ],
        default: 'right',
      },
      {
        name: 'check',
        type: 'CONDITIONS',
        dependsOn: ['coin'],
        condition: { all: [{ task: 'coin', state: 'SUCCESS' }] },
        onTrue: ['heads'],
        onFalse: ['tails'],
      },
      branch('left', 'route'),
      branch('middle', 'route'),
      branch('right', 'route'),
      branch('heads', 'check'),
      branch('tails', 'check'),
      { ...shell('join', '0.2'), dependsOn: ['left', 'middle', 'right', 'heads', 'tails'] },
    ],
  };
}
