/**
 * The chaos workload's workflow definitions and how often each kind is started. Every SHELL task
 * runs the chaos task script (task-script.ts), so everything that executes lands in the record.
 */
import { stringify } from 'yaml';
import type { Rng } from './rng.js';
import { taskCommand } from './task-script.js';

/** A kind of instance the workload starts: a root definition, a start rate and a cap. */
export interface WorkloadKind {
  kind: string;
  /** The definition started (children are started by Baton). */
  workflow: string;
  /** Time between two starts, drawn uniformly, in ms. */
  everyMs: [number, number];
  /** No new start while this many of the kind have not ended (keeps the settle bounded). */
  maxOpen: number;
  params(rng: Rng): Record<string, string>;
}

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
export function definitionsYaml(script: string, record: string): string[] {
  const shell = (name: string, secs: string, fails = '0', extra: object = {}) => ({
    name,
    type: 'SHELL',
    command: taskCommand(script, record, secs, fails),
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
  ];
  return defs.map((d) => stringify(d));
}
