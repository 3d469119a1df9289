import { errorMessage, FailedPreconditionError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/log.js';
import { withRetry } from '../../../shared/retry.js';
import type { CoordinatorClient } from '../../../shared/serial/coordinator-client.js';
import type { TaskGroupSlotRequest } from '../../../shared/proto/gen/baton/v1/TaskGroupSlotRequest.js';
import type { TaskGroupDecision } from '../../../shared/task-groups/task-group-values.js';
import type { GroupedAttempt, TaskGroupPort } from '../run/run-ports.js';

/** How often a release refused as "not ended in MySQL yet" is asked again (a replica lag). */
const RELEASE_RETRIES = 4;

/**
 * A master's side of task groups: asks the coordinator owning the group's shard for a slot, and
 * tells it when an attempt ended. Groups are routed like serial definitions (by name).
 */
export class TaskGroupGate implements TaskGroupPort {
  constructor(
    private readonly coordinators: CoordinatorClient,
    private readonly self: string,
    private readonly log: Logger,
  ) {}

  async acquire(attempt: GroupedAttempt): Promise<TaskGroupDecision> {
    const response = await this.coordinators.call(attempt.group, (c, options) =>
      c.AcquireTaskGroupSlot(this.request(attempt), options),
    );
    return response.decision === 'ADMITTED' ? 'ADMITTED' : 'QUEUED';
  }

  /**
   * Retried a few times; should it still fail, the coordinator's reconciler frees the slot
   * itself once it reads the attempt's end in MySQL.
   */
  release(attempt: GroupedAttempt): void {
    withRetry(
      () =>
        this.coordinators.call(
          attempt.group,
          (c, options) => c.ReleaseTaskGroupSlot(this.request(attempt), options),
          10_000,
        ),
      {
        retries: RELEASE_RETRIES,
        initialDelayMs: 100,
        retryOn: (err) => err instanceof FailedPreconditionError,
      },
    ).catch((err: unknown) =>
      this.log.warn(
        { task_instance_id: attempt.taskInstanceId, err: errorMessage(err) },
        'task group release failed; the coordinator reconciles it',
      ),
    );
  }

  private request(attempt: GroupedAttempt): TaskGroupSlotRequest {
    return {
      group: attempt.group,
      instance_id: attempt.instanceId,
      task_instance_id: attempt.taskInstanceId,
      task: attempt.task,
      attempt: attempt.attempt,
      priority: attempt.priority,
      owner: this.self,
      epoch: attempt.epoch.toString(),
    };
  }
}
