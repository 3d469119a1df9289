/**
 * Workflows for the control failover tests: tasks append their name to a record file outside
 * Baton (read with runsOf), wait on gate files the test creates, and fail until a flag file
 * exists.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Instance__Output } from '../../shared/proto/gen/baton/v1/Instance.js';
import type { TestCluster } from './test-cluster.js';

export interface ControlFiles {
  record: string;
  /** A command that appends `task` to the record, then runs `more` (a `; ...` tail). */
  step: (task: string, more?: string) => string;
  /** A shell tail that waits until `open(name)` was called. */
  gate: (name: string) => string;
  open: (name: string) => void;
}

export function controlFiles(t: TestCluster): ControlFiles {
  const record = join(t.dir, 'record.txt');
  const gatePath = (name: string) => join(t.dir, `gate-${name}`);
  return {
    record,
    step: (task, more = '') => `echo ${task} >> ${record}${more}`,
    gate: (name) => `; while [ ! -f ${gatePath(name)} ]; do sleep 0.1; done`,
    open: (name) => writeFileSync(gatePath(name), ''),
  };
}

/** The newest attempt of `name` in the instance. */
export function lastAttempt(i: Instance__Output, name: string) {
  return i.tasks.filter((x) => x.name === name).at(-1);
}

/** How often the instance's history shows the change `from` -> `to` (instance level). */
export async function transitions(
  t: TestCluster,
  id: string,
  from: string,
  to: string,
  task: string | null = null,
): Promise<number> {
  let query = t.db
    .selectFrom('state_changes')
    .select('id')
    .where('instance_id', '=', id)
    .where('from_state', '=', from)
    .where('to_state', '=', to);
  query = task === null ? query.where('task', 'is', null) : query.where('task', '=', task);
  return (await query.execute()).length;
}
