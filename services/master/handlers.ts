import { isTerminalTaskState, isTaskState } from '../../shared/domain/task-states.js';
import { isTerminalWorkflowState, isWorkflowState } from '../../shared/domain/workflow-states.js';
import {
  FailedPreconditionError,
  NotFoundError,
  OwnershipLostError,
  StaleEpochError,
} from '../../shared/errors.js';
import type { ServiceHandlers } from '../../shared/grpc/server.js';
import {
  optionalTimestamp,
  requireEpoch,
  requireId,
  requireOneOf,
} from '../../shared/grpc/validate.js';
import type { MasterDefinition } from '../../shared/proto/gen/baton/v1/Master.js';
import type { OwnedInstances } from './ownership/owned-instances.js';
import type { InstanceQueries } from './store/instance-queries.js';

const REPORTED_STATES = ['SUCCESS', 'FAILURE', 'KILL'] as const;
const SERIAL_PUSHES = ['ADMITTED', 'DISCARDED'] as const;

export function masterHandlers(
  owned: OwnedInstances,
  queries: InstanceQueries,
): ServiceHandlers<MasterDefinition> {
  return {
    async SubmitInstance(req) {
      const id = requireId(req.instance_id, 'instance_id');
      const adoption = await owned.adopt(id);
      if (adoption === undefined) {
        const state = await queries.instanceState(id);
        if (state === undefined) throw new NotFoundError(`instance ${id} does not exist`);
        throw new FailedPreconditionError(`instance ${id} does not need an owner (state ${state})`);
      }
      return { owner: adoption.owner, epoch: adoption.epoch.toString() };
    },

    StopInstance(req) {
      const id = requireId(req.instance_id, 'instance_id');
      const run = owned.get(id);
      if (run === undefined)
        throw new StaleEpochError(`instance ${id} is not owned by this master`);
      run.requestStop('stopped by request');
      return Promise.resolve({});
    },

    async PauseInstance(req) {
      await pushPause(owned, queries, requireId(req.instance_id, 'instance_id'));
      return {};
    },

    async ResumeInstance(req) {
      await pushPause(owned, queries, requireId(req.instance_id, 'instance_id'));
      return {};
    },

    async ForceTaskSuccess(req) {
      await pushPause(owned, queries, requireId(req.instance_id, 'instance_id'));
      return {};
    },

    async ReportTask(req) {
      const instanceId = requireId(req.instance_id, 'instance_id');
      const taskInstanceId = requireId(req.task_instance_id, 'task_instance_id');
      const epoch = requireEpoch(req.epoch);
      const state = requireOneOf(req.state, REPORTED_STATES, 'state');
      const endedAt = optionalTimestamp(req.ended_at, 'ended_at') ?? new Date();
      const startedAt = optionalTimestamp(req.started_at, 'started_at');
      const run = owned.get(instanceId);
      if (run === undefined) return refuseUnowned(queries, instanceId, taskInstanceId);
      if (epoch !== run.epoch)
        throw new StaleEpochError(`epoch ${epoch} is not the owner's (${run.epoch})`);
      try {
        await run.onTaskReport({
          taskInstanceId,
          state,
          exitCode: req.has_exit_code ? req.exit_code : null,
          startedAt,
          endedAt,
          reason: req.reason,
          // A worker sends outputs with a success only (master.proto); any that came with another
          // state are dropped here, so a failed attempt never passes values on.
          outputs: state === 'SUCCESS' ? { ...req.outputs } : {},
        });
      } catch (err) {
        if (err instanceof OwnershipLostError)
          return refuseUnowned(queries, instanceId, taskInstanceId);
        throw err;
      }
      return {};
    },

    NotifySerialDecision(req) {
      const id = requireId(req.instance_id, 'instance_id');
      const decision = requireOneOf(req.decision, SERIAL_PUSHES, 'decision');
      // Not ours (any more): the owner's watch and reconcile, and the coordinator's, cover it.
      owned.get(id)?.onSerialDecision(decision, req.ticket === '' ? id : req.ticket);
      return Promise.resolve({});
    },

    NotifyTaskGroupAdmitted(req) {
      const id = requireId(req.instance_id, 'instance_id');
      const taskInstanceId = requireId(req.task_instance_id, 'task_instance_id');
      // Not ours (any more): the new owner asks again when it adopts the instance.
      owned.get(id)?.onTaskGroupAdmitted(taskInstanceId);
      return Promise.resolve({});
    },

    async NotifyChildEnded(req) {
      const parentId = requireId(req.parent_instance_id, 'parent_instance_id');
      const childId = requireId(req.child_instance_id, 'child_instance_id');
      await owned
        .get(parentId)
        ?.onChildEnded(childId)
        .catch(() => undefined);
      return {};
    },
  };
}

/**
 * A report for an instance this master does not run: if the task (or its instance) has ended,
 * the result is moot (FAILED_PRECONDITION, the worker drops it); otherwise the worker has the
 * wrong owner and must look again.
 */
async function refuseUnowned(
  queries: InstanceQueries,
  instanceId: string,
  taskInstanceId: string,
): Promise<never> {
  const row = await queries.taskAndInstanceState(taskInstanceId, instanceId);
  if (row === undefined)
    throw new FailedPreconditionError(`task instance ${taskInstanceId} does not exist`);
  const taskEnded = isTaskState(row.task) && isTerminalTaskState(row.task);
  const instanceEnded = isWorkflowState(row.instance) && isTerminalWorkflowState(row.instance);
  if (taskEnded || instanceEnded)
    throw new FailedPreconditionError(`task instance ${taskInstanceId} already ended`);
  throw new StaleEpochError(`instance ${instanceId} is not owned by this master`);
}

/**
 * A pause, resume or force-success push: the run acts on the requests as recorded now (pushes
 * can overtake each other; the rows cannot be out of order). The pause is read first: a resume
 * read there comes with every force recorded before it.
 */
async function pushPause(owned: OwnedInstances, queries: InstanceQueries, id: string) {
  const run = owned.get(id);
  if (run === undefined) throw new StaleEpochError(`instance ${id} is not owned by this master`);
  const pauseRequested = await queries.pauseRequested(id);
  run.applyPause(pauseRequested, await queries.forceRequests(id));
}
