import { InvalidArgumentError } from '../../../shared/errors.js';
import { NAME_PATTERN } from '../../../shared/domain/definition-schema.js';
import type { ServiceHandlers } from '../../../shared/grpc/server.js';
import { requireEpoch, requireId } from '../../../shared/grpc/validate.js';
import type { CoordinatorDefinition } from '../../../shared/proto/gen/baton/v1/Coordinator.js';
import type { TaskGroup } from '../../../shared/proto/gen/baton/v1/TaskGroup.js';
import type { TaskGroupSlotRequest__Output } from '../../../shared/proto/gen/baton/v1/TaskGroupSlotRequest.js';
import { shardOf } from '../../../shared/serial/serial-keys.js';
import { MAX_TASK_GROUP_PRIORITY } from '../../../shared/task-groups/task-group-keys.js';
import type { TaskGroupAttempt } from '../../../shared/task-groups/task-group-values.js';
import type { TaskGroupOperations } from './task-group-operations.js';
import type { TaskGroupStore } from './task-group-store.js';

/** The Coordinator RPCs about task groups. */
export type TaskGroupMethods =
  'AcquireTaskGroupSlot' | 'ReleaseTaskGroupSlot' | 'AdmitTaskGroup' | 'GetTaskGroupState';

/** @throws InvalidArgumentError naming `group` */
export function requireGroup(value: string, field = 'group'): string {
  if (!NAME_PATTERN.test(value))
    throw new InvalidArgumentError(field, `must match ${NAME_PATTERN.source}; got "${value}"`);
  return value;
}

function requirePriority(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_TASK_GROUP_PRIORITY)
    throw new InvalidArgumentError(
      'priority',
      `must be 0-${MAX_TASK_GROUP_PRIORITY}; got ${value}`,
    );
  return value;
}

/** The attempt a slot request names. @throws InvalidArgumentError naming the field */
function attemptOf(req: TaskGroupSlotRequest__Output): TaskGroupAttempt & { group: string } {
  if (req.attempt < 1) throw new InvalidArgumentError('attempt', 'must be at least 1');
  return {
    group: requireGroup(req.group),
    instanceId: requireId(req.instance_id, 'instance_id'),
    taskInstanceId: requireId(req.task_instance_id, 'task_instance_id'),
    task: req.task,
    attempt: req.attempt,
    priority: requirePriority(req.priority),
    owner: req.owner,
    epoch: requireEpoch(req.epoch).toString(),
  };
}

/** The Coordinator's task-group RPCs (the serial ones are in ../handlers.ts). */
export function taskGroupHandlers(
  operations: TaskGroupOperations,
  store: TaskGroupStore,
  self: { name: string; shardCount: number },
): Pick<ServiceHandlers<CoordinatorDefinition>, TaskGroupMethods> {
  return {
    async AcquireTaskGroupSlot(req) {
      const result = await operations.acquire(attemptOf(req));
      return { decision: result.decision, position: String(result.position) };
    },
    async ReleaseTaskGroupSlot(req) {
      const result = await operations.release(
        requireGroup(req.group),
        requireId(req.task_instance_id, 'task_instance_id'),
        requirePriority(req.priority),
      );
      return result;
    },
    async AdmitTaskGroup(req) {
      const result = await operations.admit(requireGroup(req.group));
      return { admitted: result.admitted };
    },
    async GetTaskGroupState(req) {
      const group = requireGroup(req.name, 'name');
      if (req.limit < 0 || req.limit > 1000)
        throw new InvalidArgumentError('limit', 'must be between 0 and 1000');
      return describe(store, group, req.limit || 100, self);
    },
  };
}

/** Reads are served by whichever coordinator is asked: no fence needed to look. */
async function describe(
  store: TaskGroupStore,
  group: string,
  limit: number,
  self: { name: string; shardCount: number },
): Promise<TaskGroup> {
  const shard = shardOf(group, self.shardCount);
  const [snap, count] = await Promise.all([
    store.snapshot(shard, group, limit),
    store.queueLength(shard, group),
  ]);
  const now = Date.now();
  return {
    name: group,
    shard,
    coordinator: self.name,
    holders: snap.slots.map(({ value: s }) => ({
      instance_id: s.instanceId,
      task_instance_id: s.taskInstanceId,
      task: s.task,
      attempt: s.attempt,
      priority: s.priority,
      since: s.since,
      owner: s.owner,
    })),
    waiting: snap.head.map(({ value: w }, i) => ({
      position: String(i + 1),
      instance_id: w.instanceId,
      task_instance_id: w.taskInstanceId,
      task: w.task,
      attempt: w.attempt,
      priority: w.priority,
      queued_at: w.queuedAt,
      owner: w.owner,
      waiting_ms: String(Math.max(0, now - Date.parse(w.queuedAt))),
    })),
    waiting_count: String(count),
  };
}
