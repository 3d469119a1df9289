import { requireId } from '../../shared/grpc/validate.js';
import { selectTasks } from '../../shared/domain/start-scope.js';
import { forceTaskSuccess } from './force-task-success.js';
import type { Asker, Instances, InstancesDeps, InstanceWithTasks } from './instances.js';
import { pauseInstance, resumeInstance } from './pause-resume.js';
import { recoverInstance } from './recover-instance.js';
import { requestKeyOf, type IdempotentMethod, type RequestKey } from './requests/request-key.js';
import { stopInstance } from './stop-instance.js';

/**
 * The controls of one instance (stop, recover, force-success, pause, resume), each carried out
 * once per request id. Each is idempotent by state already; a request id adds that a repeat is
 * answered as the first call was, successfully, with the instance as it is now, even when the
 * state has moved on since (a repeated stop of an instance that has ended meanwhile is not
 * FAILED_PRECONDITION), and is never carried out a second time (a repeated resume does not
 * resume a pause made after it). A refused control records nothing: its repeat is judged
 * afresh.
 */
export class InstanceControls {
  constructor(
    private readonly deps: InstancesDeps,
    private readonly instances: Instances,
  ) {}

  private get(id: string): Promise<InstanceWithTasks> {
    return this.instances.get(id);
  }

  /** @throws NotFoundError, FailedPreconditionError (already ended) */
  stop(id: string, asker: Asker): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    const reason = `stopped by ${asker.actor} via ${this.deps.processName}`;
    return this.control(asker, 'StopInstance', id, { id }, (key) =>
      stopInstance(this.deps, id, reason, asker.actor, asker.call, key),
    );
  }

  /** See recoverInstance. @throws NotFoundError, FailedPreconditionError */
  recover(id: string, asker: Asker, fromTasks: readonly string[] = []): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    const args = { id, start_tasks: fromTasks };
    return this.control(asker, 'RecoverInstance', id, args, async (key) => {
      let rerun: string[] | undefined;
      if (fromTasks.length > 0) {
        const { row } = await this.get(id);
        const { spec } = await this.deps.definitions.get(row.workflow, row.version);
        rerun = [...selectTasks(spec.tasks, fromTasks, 'FROM')];
      }
      await recoverInstance(this.deps, id, asker.actor, asker.call, rerun, key);
    });
  }

  /** See forceTaskSuccess. @throws NotFoundError, FailedPreconditionError */
  forceSuccess(id: string, task: string, asker: Asker): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    return this.control(asker, 'ForceTaskSuccess', id, { id, task }, (key) =>
      forceTaskSuccess(this.deps, id, task, asker.actor, asker.call, key),
    );
  }

  /** See pauseInstance. @throws NotFoundError, FailedPreconditionError */
  pause(id: string, asker: Asker): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    return this.control(asker, 'PauseInstance', id, { id }, (key) =>
      pauseInstance(this.deps, id, asker.actor, asker.call, key),
    );
  }

  /** See resumeInstance. @throws NotFoundError, FailedPreconditionError */
  resume(id: string, asker: Asker): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    return this.control(asker, 'ResumeInstance', id, { id }, (key) =>
      resumeInstance(this.deps, id, asker.actor, asker.call, key),
    );
  }

  /**
   * Carries out a control once per request id: `act` records the key in its transaction; a
   * repeat of the key is not carried out again but answered with the instance as it is now
   * (README "Idempotent requests").
   */
  private control(
    asker: Asker,
    method: IdempotentMethod,
    id: string,
    args: object,
    act: (key: RequestKey | undefined) => Promise<unknown>,
  ): Promise<InstanceWithTasks> {
    const key = requestKeyOf(asker.requestId ?? '', asker.actor, method, args);
    return this.deps.requestIds.once(
      key,
      async () => {
        await act(key);
        return this.get(id);
      },
      (target) => this.get(target),
    );
  }
}
