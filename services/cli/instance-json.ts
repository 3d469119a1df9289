/**
 * The JSON shapes the CLI prints: camelCase, `null` for what the wire spells as an empty string.
 */
import type { Instance__Output } from '../../shared/proto/gen/baton/v1/Instance.js';
import type { StateChange__Output } from '../../shared/proto/gen/baton/v1/StateChange.js';
import type { TaskInstance__Output } from '../../shared/proto/gen/baton/v1/TaskInstance.js';

export interface TaskJson {
  id: string;
  name: string;
  type: string;
  state: string;
  attempt: number;
  worker: string | null;
  startedAt: string | null;
  endedAt: string | null;
  childId: string | null;
  exitCode: number | null;
  /** OUT params of the attempt that succeeded. */
  outputs: Record<string, string>;
  /** CONDITIONS/SWITCH: the stored decision (chosen and skipped branches, values read). */
  decision: unknown;
}

export interface InstanceJson {
  id: string;
  workflow: string;
  version: number;
  executionType: string;
  state: string;
  params: Record<string, string>;
  createdAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  owner: string | null;
  ownerEpoch: string | null;
  parentId: string | null;
  parentTask: string | null;
  parentTaskAttempt: number | null;
  stopRequested: boolean;
  scheduledAt: string | null;
  /** The ended instance this one reruns. */
  rerunOf: string | null;
  /** The business time it runs as (RFC 3339 UTC); null only from an api that predates it. */
  scheduleTime: string | null;
  /** The backfill that started it. */
  backfillId: string | null;
  labels: Record<string, string>;
  tasks: TaskJson[];
}

/** `''` (proto3's "unset") becomes null. */
export function orNull(value: string): string | null {
  return value === '' ? null : value;
}

export function instanceJson(i: Instance__Output): InstanceJson {
  const isChild = i.parent_id !== '';
  return {
    id: i.id,
    workflow: i.workflow,
    version: i.version,
    executionType: i.execution_type,
    state: i.state,
    params: { ...i.params },
    createdAt: orNull(i.created_at),
    startedAt: orNull(i.started_at),
    endedAt: orNull(i.ended_at),
    owner: orNull(i.owner),
    ownerEpoch: orNull(i.owner_epoch),
    parentId: orNull(i.parent_id),
    parentTask: orNull(i.parent_task),
    parentTaskAttempt: isChild ? i.parent_task_attempt : null,
    stopRequested: i.stop_requested,
    scheduledAt: orNull(i.scheduled_at),
    rerunOf: orNull(i.rerun_of),
    scheduleTime: orNull(i.schedule_time),
    backfillId: orNull(i.backfill_id),
    labels: { ...i.labels },
    tasks: i.tasks.map(taskJson),
  };
}

function taskJson(t: TaskInstance__Output): TaskJson {
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    state: t.state,
    attempt: t.attempt,
    worker: orNull(t.worker),
    startedAt: orNull(t.started_at),
    endedAt: orNull(t.ended_at),
    childId: orNull(t.child_id),
    exitCode: t.has_exit_code ? t.exit_code : null,
    outputs: t.outputs,
    decision: t.decision === '' ? null : (JSON.parse(t.decision) as unknown),
  };
}

export function stateChangeJson(c: StateChange__Output) {
  return {
    at: c.at,
    task: orNull(c.task),
    attempt: c.task === '' ? null : c.attempt,
    fromState: orNull(c.from_state),
    toState: c.to_state,
    actor: c.actor,
    epoch: orNull(c.epoch),
    reason: orNull(c.reason),
  };
}
