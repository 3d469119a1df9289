import { parseStoredLabels } from '../../shared/domain/labels.js';
import { parseStoredParams } from '../../shared/domain/params.js';
import { parseStoredTasks } from '../../shared/domain/start-scope.js';
import type { InstanceRow, StateChangeRow, TaskRow } from '../../shared/db/schema.js';
import { timestampOf } from '../../shared/grpc/validate.js';
import { scheduleTimeOf } from '../../shared/instances/schedule-time.js';
import type { Instance } from '../../shared/proto/gen/baton/v1/Instance.js';
import type { StateChange } from '../../shared/proto/gen/baton/v1/StateChange.js';

/** An instance row and its task attempts (oldest first) in wire form. */
export function instanceToProto(row: InstanceRow, tasks: readonly TaskRow[]): Instance {
  return {
    id: row.id,
    workflow: row.workflow,
    version: row.version,
    execution_type: row.execution_type,
    state: row.state,
    params: parseStoredParams(row.params),
    created_at: timestampOf(row.created_at),
    started_at: timestampOf(row.started_at),
    ended_at: timestampOf(row.ended_at),
    owner: row.owner ?? '',
    owner_epoch: row.owner_epoch,
    parent_id: row.parent_instance_id ?? '',
    parent_task: row.parent_task ?? '',
    parent_task_attempt: row.parent_task_attempt ?? 0,
    stop_requested: row.stop_requested === 1,
    scheduled_at: timestampOf(row.scheduled_at),
    rerun_of: row.rerun_of ?? '',
    schedule_time: timestampOf(scheduleTimeOf(row)),
    round: row.round,
    start_tasks: parseStoredTasks(row.start_tasks),
    scope: row.start_scope ?? '',
    backfill_id: row.backfill_id ?? '',
    labels: parseStoredLabels(row.labels),
    tasks: tasks.map((t) => ({
      id: t.id,
      name: t.task,
      type: t.type,
      state: t.state,
      attempt: t.attempt,
      worker: t.worker ?? '',
      started_at: timestampOf(t.started_at),
      ended_at: timestampOf(t.ended_at),
      child_id: t.child_instance_id ?? '',
      exit_code: t.exit_code ?? 0,
      has_exit_code: t.exit_code !== null,
      outputs: t.outputs === null ? {} : parseStoredParams(t.outputs),
      decision: t.decision ?? '',
    })),
  };
}

export function stateChangeToProto(row: StateChangeRow): StateChange {
  return {
    at: timestampOf(row.at),
    task: row.task ?? '',
    attempt: row.attempt ?? 0,
    from_state: row.from_state ?? '',
    to_state: row.to_state,
    actor: row.actor,
    epoch: row.epoch,
    reason: row.reason ?? '',
  };
}
