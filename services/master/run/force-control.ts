import type { WorkflowState } from '../../../shared/domain/workflow-states.js';
import type { Logger } from '../../../shared/log.js';
import { racePoint } from '../../../shared/race-points.js';
import type { TaskRecords } from './task-records.js';

/** The run a force-success belongs to. */
export interface ForceHost {
  readonly id: string;
  readonly workflow: string;
  readonly log: Logger;
  readonly tasks: TaskRecords;
  readonly currentState: WorkflowState;
}

/**
 * A force-success of a task of a paused instance (issue 14): the api records it on the attempt
 * (`force_requested`, migration 0010) and the owner carries it out, fenced, as it does a pause:
 * pushed, re-read by its reconciler, and by a master that adopts the instance. The attempt must
 * still be the task's newest and ended FAILURE or KILL, and the instance paused: anything else
 * means the request is moot (the task ran again, or the instance went on) and it is left alone.
 * A request carried out changes the attempt's state, which is what marks it done, so carrying
 * it out again (a second push, an adopting master) finds nothing to do.
 *
 * @returns whether a task was forced (the caller plans again).
 */
export async function carryOutForces(
  host: ForceHost,
  attemptIds: readonly string[],
): Promise<boolean> {
  const paused = host.currentState === 'PAUSE' || host.currentState === 'READY_PAUSE';
  if (!paused) return false;
  let forced = false;
  for (const attemptId of attemptIds) {
    const task = host.tasks.byId(attemptId);
    if (task === undefined || !host.tasks.isNewest(task)) continue;
    if (task.state !== 'FAILURE' && task.state !== 'KILL') continue;
    await racePoint('master.force.before-commit', host.id, host.workflow);
    await host.tasks.transition(task, 'FORCED_SUCCESS', {}, 'forced to success by request');
    await racePoint('master.force.after-commit', host.id, host.workflow);
    host.log.info({ task: task.def.name, attempt: task.attempt }, 'task forced to success');
    forced = true;
  }
  return forced;
}
