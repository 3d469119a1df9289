import { InvalidArgumentError } from '../../shared/errors.js';
import type { ServiceHandlers } from '../../shared/grpc/server.js';
import { requireEpoch, requireId, requireOneOf } from '../../shared/grpc/validate.js';
import type { CoordinatorDefinition } from '../../shared/proto/gen/baton/v1/Coordinator.js';
import type { SerialState } from '../../shared/proto/gen/baton/v1/SerialState.js';
import { NAME_PATTERN } from '../../shared/domain/definition-schema.js';
import { shardOf } from '../../shared/serial/serial-keys.js';
import type { Admission } from '../../shared/serial/serial-values.js';
import type { SerialOperations } from './serial-operations.js';
import type { SerialStore } from './serial-store.js';
import type { TaskGroupMethods } from './task-groups/task-group-handlers.js';

const SERIAL_TYPES = ['SERIAL_WAIT', 'SERIAL_DISCARD', 'SERIAL_PRIORITY'] as const;

/**
 * The admission a request names: its ticket (the instance id when empty, as masters from
 * before queue tickets send) and round. @throws InvalidArgumentError
 */
function admissionOf(req: { instance_id: string; ticket: string }, round = 0): Admission {
  const instanceId = requireId(req.instance_id, 'instance_id');
  const ticket = req.ticket === '' ? instanceId : requireId(req.ticket, 'ticket');
  if (!Number.isInteger(round) || round < 0)
    throw new InvalidArgumentError('round', `must be a non-negative integer; got ${round}`);
  return { instanceId, ticket, round };
}

function requireWorkflow(value: string): string {
  if (!NAME_PATTERN.test(value))
    throw new InvalidArgumentError('workflow', `must match ${NAME_PATTERN.source}; got "${value}"`);
  return value;
}

export function coordinatorHandlers(
  operations: SerialOperations,
  store: SerialStore,
  self: { name: string; shardCount: number },
): Omit<ServiceHandlers<CoordinatorDefinition>, TaskGroupMethods> {
  return {
    async Enqueue(req) {
      const result = await operations.enqueue({
        workflow: requireWorkflow(req.workflow),
        ...admissionOf(req, req.round),
        executionType: requireOneOf(req.execution_type, SERIAL_TYPES, 'execution_type'),
        owner: req.owner,
        epoch: requireEpoch(req.epoch),
      });
      return {
        decision: result.decision,
        position: String(result.position),
        holder_instance_id: result.holder ?? '',
      };
    },
    async Release(req) {
      const result = await operations.release(
        requireWorkflow(req.workflow),
        requireId(req.instance_id, 'instance_id'),
      );
      return { released: result.released, next_instance_id: result.next ?? '' };
    },
    async Remove(req) {
      return {
        removed: await operations.remove(requireWorkflow(req.workflow), admissionOf(req)),
      };
    },
    async UpdateHolder(req) {
      const workflow = requireWorkflow(req.workflow);
      const holder = await operations.updateHolder(workflow, {
        workflow,
        ...admissionOf(req),
        executionType: '',
        owner: req.owner,
        epoch: requireEpoch(req.epoch),
      });
      return { holder };
    },
    async GetSerialState(req) {
      const workflow = requireWorkflow(req.workflow);
      if (req.limit < 0 || req.limit > 1000)
        throw new InvalidArgumentError('limit', 'must be between 0 and 1000');
      return describe(store, workflow, req.limit || 100, self);
    },
  };
}

/** Reads are served by whichever coordinator is asked: no fence needed to look. */
async function describe(
  store: SerialStore,
  workflow: string,
  limit: number,
  self: { name: string; shardCount: number },
): Promise<SerialState> {
  const shard = shardOf(workflow, self.shardCount);
  const [slot, waiting, count, tombstones] = await Promise.all([
    store.slot(shard, workflow),
    store.head(shard, workflow, limit),
    store.queueLength(shard, workflow),
    store.tombstones(shard, workflow, limit),
  ]);
  return {
    workflow,
    shard,
    coordinator: self.name,
    ...(slot === undefined
      ? {}
      : {
          holder: {
            instance_id: slot.value.instanceId,
            since: slot.value.since,
            epoch: slot.value.epoch.toString(),
            owner: slot.value.owner,
            ticket: slot.value.ticket,
            round: slot.value.round,
          },
        }),
    waiting: waiting.map((w, i) => ({
      instance_id: w.value.instanceId,
      position: String(i + 1),
      queued_at: w.value.queuedAt,
      owner: w.value.owner,
      execution_type: w.value.executionType,
      ticket: w.value.ticket,
      round: w.value.round,
    })),
    waiting_count: String(count),
    discarded: tombstones.map((t) => t.value.instanceId),
  };
}
