/**
 * The controls workload's definitions (issue 14): instances that an operator pauses, resumes,
 * stops, recovers and forces (controls.ts does that at random). Each has a task that fails
 * until its cause is fixed (`fails: fix`, see task-script.ts), drawn per instance, so a share
 * of them end FAILURE and a recover has work to do; one is serial, one has a SUB_WORKFLOW task
 * whose child holds the failing task (a recover then recovers the child in place).
 */
import { stringify } from 'yaml';
import type { Rng } from './rng.js';
import { taskCommand } from './task-script.js';
import type { WorkloadKind } from './workload-kind.js';

/** The root definitions the controls act on (children are controlled through their parent). */
export const CONTROL_WORKFLOWS = ['ctl-flat', 'ctl-serial', 'ctl-sub'] as const;

function controlParams(rng: Rng): Record<string, string> {
  // 0.5 to 2 s of work: long enough for a pause to catch tasks running and others not started.
  const secs = (rng.int(5, 20) / 10).toFixed(1);
  // About half fail until fixed; the others can still fail by a stop, and be resumed.
  return { secs, fails: rng.int(0, 1) === 0 ? '0' : 'fix' };
}

/** Entries of WORKLOAD_KINDS (definitions.ts). */
export const CONTROL_KINDS: readonly WorkloadKind[] = [
  {
    kind: 'controls',
    workflow: 'ctl-flat',
    everyMs: [1_000, 2_500],
    maxOpen: 5,
    params: controlParams,
  },
  {
    // Serial: a paused instance keeps the slot; a recovered one queues again (S1, S3).
    kind: 'controls-serial',
    workflow: 'ctl-serial',
    everyMs: [1_000, 3_000],
    maxOpen: 4,
    params: controlParams,
  },
  {
    kind: 'controls-sub',
    workflow: 'ctl-sub',
    everyMs: [1_500, 3_500],
    maxOpen: 4,
    params: controlParams,
  },
];

/** The definitions, children first, as YAML for ApplyWorkflow. */
export function controlDefinitionsYaml(script: string, record: string, fixDir: string): string[] {
  const shell = (name: string, secs: string, fails: string, dependsOn: string[] = []) => ({
    name,
    type: 'SHELL',
    command: taskCommand(script, record, secs, fails, 0, fixDir),
    dependsOn,
  });
  const params = { secs: '1', fails: '0' };
  // a and d run side by side; b (may fail until fixed, one retry) after a; c after b.
  const chain = [
    shell('a', '${secs}', '0'),
    { ...shell('b', '${secs}', '${fails}', ['a']), retries: 1, retryInterval: '500ms' },
    shell('c', '0.3', '0', ['b']),
  ];
  const defs: object[] = [
    { name: 'ctl-flat', params, tasks: [...chain, shell('d', '${secs}', '0')] },
    { name: 'ctl-serial', executionType: 'SERIAL_WAIT', params, tasks: chain },
    {
      name: 'ctl-child',
      params,
      tasks: [shell('x', '${secs}', '0'), shell('y', '${secs}', '${fails}', ['x'])],
    },
    {
      name: 'ctl-sub',
      params,
      tasks: [
        shell('r', '${secs}', '0'),
        { name: 'sub', type: 'SUB_WORKFLOW', workflow: 'ctl-child', dependsOn: ['r'] },
        shell('z', '0.3', '0', ['sub']),
      ],
    },
  ];
  return defs.map((d) => stringify(d));
}
