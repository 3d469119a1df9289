/**
 * Synthetic evidence for the chaos checker's unit tests (test/chaos/*.test.ts): each check
 * must pass on a clean run and fail on each way it can break.
 */
import type { ClosedRun } from '../chaos/evidence.js';
import { parseWorkflowYaml } from '../../shared/domain/definition-parse.js';
import type {
  ChangeRecord,
  DefinitionRecord,
  InstanceRecord,
  TaskRecord,
} from '../chaos/history.js';
import type { TaskRun } from '../chaos/record.js';

export const T0 = Date.UTC(2026, 0, 1);

export function run(o: Partial<ClosedRun> & Pick<TaskRun, 'instance' | 'start'>): ClosedRun {
  return {
    workflow: 'w',
    task: 'a',
    attempt: 1,
    worker: 'worker-1',
    pid: `${o.instance}-${o.start}`,
    end: o.start + 1_000,
    how: '0',
    endRecorded: true,
    ...o,
  };
}

export function instance(o: Partial<InstanceRecord> & Pick<InstanceRecord, 'id'>): InstanceRecord {
  return {
    workflow: 'w',
    version: 1,
    executionType: 'SERIAL_WAIT',
    state: 'SUCCESS',
    owner: 'master-1',
    ownerEpoch: 10n,
    parentId: null,
    parentTask: null,
    parentTaskAttempt: null,
    createdAt: T0,
    endedAt: T0 + 60_000,
    round: 0,
    backfillId: null,
    scheduleTime: null,
    ...o,
  };
}

let changeId = 0;
export function change(o: Partial<ChangeRecord> & Pick<ChangeRecord, 'instanceId'>): ChangeRecord {
  changeId += 1;
  return {
    id: changeId,
    task: null,
    attempt: null,
    fromState: 'SUBMITTED',
    toState: 'RUNNING',
    actor: 'master-1',
    epoch: 10n,
    reason: null,
    at: T0 + changeId,
    ...o,
  };
}

/** A task attempt's row: a SHELL attempt that succeeded unless told otherwise. */
export function taskRow(
  o: Partial<TaskRecord> & Pick<TaskRecord, 'instanceId' | 'task'>,
): TaskRecord {
  return {
    type: 'SHELL',
    attempt: 1,
    round: 0,
    state: 'SUCCESS',
    childInstanceId: null,
    decision: null,
    ...o,
  };
}

/** Version 1 of a definition of one SHELL task `a`: what `instance()` runs by default. */
export function plainDefinition(workflow = 'w'): DefinitionRecord {
  const yaml = `name: ${workflow}\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n`;
  return { workflow, version: 1, spec: parseWorkflowYaml(yaml) };
}
