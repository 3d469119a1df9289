/**
 * The backfill workload's definitions (issue 15): backfills over date ranges of a parallel and
 * a SERIAL_WAIT definition, whose one task lands in the record like every chaos task. The
 * backfill's own params decide how long the task works and whether its first attempt fails.
 */
import { stringify } from 'yaml';
import type { Rng } from './rng.js';
import { taskCommand } from './task-script.js';
import type { WorkloadKind } from './workload-kind.js';

/** Entries of WORKLOAD_KINDS: each starts backfills (backfills.ts), not instances. */
export const BACKFILL_KINDS: readonly WorkloadKind[] = [
  {
    kind: 'backfill',
    workflow: 'bf-daily',
    everyMs: [3_000, 7_000],
    maxOpen: 3,
    params: backfillParams,
    backfill: true,
  },
  {
    // Serial: every date goes through the queue; --parallel is capped at 1 by the slot.
    kind: 'backfill-serial',
    workflow: 'bf-serial',
    everyMs: [5_000, 10_000],
    maxOpen: 2,
    params: backfillParams,
    backfill: true,
  },
];

function backfillParams(rng: Rng): Record<string, string> {
  // One backfill in four has a task whose first attempt fails (no retry): some dates fail.
  return { secs: (rng.int(3, 12) / 10).toFixed(1), fails: rng.int(0, 3) === 0 ? '1' : '0' };
}

export function backfillDefinitionsYaml(script: string, record: string): string[] {
  const task = {
    name: 'a',
    type: 'SHELL',
    command: taskCommand(script, record, '${secs}', '${fails}'),
  };
  const params = { secs: '0.5', fails: '0' };
  return [
    stringify({ name: 'bf-daily', params, tasks: [task] }),
    stringify({ name: 'bf-serial', executionType: 'SERIAL_WAIT', params, tasks: [task] }),
  ];
}
