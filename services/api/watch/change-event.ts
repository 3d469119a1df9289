import { timestampOf } from '../../../shared/grpc/validate.js';
import type { InstanceEvent } from '../../../shared/proto/gen/baton/v1/InstanceEvent.js';

/** One row of `state_changes`, with what a watcher wants beside it (workflow, worker, outputs). */
export interface ChangeEvent {
  /** `state_changes.id`: the order of a stream and the point a client resumes after. */
  id: bigint;
  instanceId: string;
  workflow: string;
  /** null for the instance itself. */
  task: string | null;
  attempt: number;
  fromState: string | null;
  toState: string;
  worker: string | null;
  /** A SUB_WORKFLOW attempt's child instance (as the task row has it now). */
  childId: string | null;
  /** Only on a task's SUCCESS change. */
  outputs: Record<string, string> | null;
  reason: string | null;
  actor: string;
  epoch: string;
  at: Date;
}

/**
 * What an event costs a stream's buffer, roughly in bytes: its strings plus a fixed allowance
 * for the object itself. Only the order of magnitude matters; it keeps a buffer's bound honest
 * when reasons or outputs are long.
 */
export function eventBytes(event: ChangeEvent): number {
  let bytes = 256 + event.instanceId.length + event.workflow.length + event.toState.length;
  bytes += (event.task?.length ?? 0) + (event.reason?.length ?? 0) + event.actor.length;
  bytes += (event.worker?.length ?? 0) + (event.fromState?.length ?? 0) + event.epoch.length;
  for (const [k, v] of Object.entries(event.outputs ?? {})) bytes += k.length + v.length + 32;
  return bytes;
}

export function eventToProto(event: ChangeEvent): InstanceEvent {
  return {
    change_id: event.id.toString(),
    instance_id: event.instanceId,
    workflow: event.workflow,
    task: event.task ?? '',
    attempt: event.attempt,
    from_state: event.fromState ?? '',
    to_state: event.toState,
    worker: event.worker ?? '',
    child_id: event.childId ?? '',
    outputs: event.outputs ?? {},
    reason: event.reason ?? '',
    actor: event.actor,
    epoch: event.epoch,
    at: timestampOf(event.at),
  };
}
