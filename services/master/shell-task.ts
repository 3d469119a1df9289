import { ATTR, failActiveSpan, inSpan } from '../../shared/telemetry/tracing.js';
import { racePoint } from '../../shared/race-points.js';
import { substituteParams, systemParams } from '../../shared/domain/params.js';
import { isActiveTaskState } from '../../shared/domain/task-states.js';
import {
  errorMessage,
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
  OwnershipLostError,
  StaleEpochError,
} from '../../shared/errors.js';
import type { MemberInfo } from '../../shared/etcd/members.js';
import type { RunDeps } from './run-deps.js';
import type { RunHandle } from './run-handle.js';
import { newAttempt, type TaskRun } from './run-model.js';
import type { TaskDefinition } from '../../shared/domain/workflow-spec.js';
import { armTaskTimeout, redispatchKey, transitionTask } from './task-lifecycle.js';
import { countTakeover } from './metrics.js';

const REDISPATCH_DELAY_MS = 1_000;

/**
 * Hands a SUBMITTED shell task to the least loaded worker of its group. DISPATCHED (with the
 * worker's name) is committed before the call, so a new owner after a failover knows where to
 * look; the call itself runs outside the instance's queue.
 */
export async function dispatchShell(
  run: RunHandle,
  deps: RunDeps,
  task: TaskRun,
  kill: KillFn,
): Promise<void> {
  const worker = deps.cluster.pickWorker(task.def.workerGroup);
  if (worker === undefined) {
    waitForWorker(run, task);
    return;
  }
  await transitionTask(
    run,
    deps,
    task,
    'DISPATCHED',
    { worker: worker.name },
    `dispatched to ${worker.name}`,
  );
  launched(run, deps, task, worker, kill);
}

/** A new shell attempt, inserted already DISPATCHED when a worker is available. */
export async function startShell(
  run: RunHandle,
  deps: RunDeps,
  def: TaskDefinition,
  attempt: number,
  kill: KillFn,
): Promise<TaskRun> {
  const worker = deps.cluster.pickWorker(def.workerGroup);
  const id = await deps.store.insertTask(
    run.id,
    run.epoch,
    { name: def.name, type: def.type, attempt },
    worker?.name,
  );
  const task = newAttempt(def, id, attempt, run.tasks.get(def.name));
  run.tasks.set(def.name, task);
  if (worker === undefined) {
    waitForWorker(run, task);
  } else {
    task.state = 'DISPATCHED';
    task.worker = worker.name;
    launched(run, deps, task, worker, kill);
  }
  return task;
}

function waitForWorker(run: RunHandle, task: TaskRun): void {
  run.log.info(
    { task: task.def.name, group: task.def.workerGroup },
    'no live worker in group; task waits',
  );
}

/** DISPATCHED is committed: count the load, arm the timeout, send the task. */
function launched(
  run: RunHandle,
  deps: RunDeps,
  task: TaskRun,
  worker: MemberInfo,
  kill: KillFn,
): void {
  deps.cluster.noteDispatched(worker.name);
  armTaskTimeout(run, deps, task, kill);
  void sendRunTask(run, deps, task, worker, false);
}

export type KillFn = (task: TaskRun, reason: string) => Promise<void>;

/**
 * Sends (or re-sends) RunTask. The worker treats it idempotently by task instance id, and a
 * newer epoch re-points a running task's result to this master (take-over). With
 * `takeoverOnly`, a worker that does not know the task says so instead of starting it.
 */
export function sendRunTask(
  run: RunHandle,
  deps: RunDeps,
  task: TaskRun,
  worker: MemberInfo,
  takeoverOnly: boolean,
): Promise<void> {
  task.workerStartedAt = worker.startedAt;
  return inSpan(
    takeoverOnly ? 'baton.task.takeover' : 'baton.task.dispatch',
    {
      attributes: {
        ...run.spanAttributes,
        [ATTR.task]: task.def.name,
        [ATTR.attempt]: task.attempt,
        [ATTR.taskInstanceId]: task.id,
        [ATTR.worker]: worker.name,
      },
    },
    async () => {
      const { def } = task;
      await racePoint('master.before-run-task', run.id, run.workflow);
      const params = {
        ...run.params,
        ...systemParams({
          instanceId: run.id,
          workflow: run.workflow,
          task: def.name,
          attempt: task.attempt,
        }),
      };
      try {
        const response = await deps.cluster.workerClient(worker.address).RunTask(
          {
            task_instance_id: task.id,
            instance_id: run.id,
            epoch: run.epoch.toString(),
            owner: deps.self.name,
            owner_address: deps.self.address,
            task_name: def.name,
            attempt: task.attempt,
            command: substituteParams(def.command, params),
            params,
            timeout_ms:
              def.timeoutStrategy === 'FAIL' && def.timeoutMs !== null
                ? String(def.timeoutMs)
                : '0',
            workflow: run.workflow,
            takeover_only: takeoverOnly,
            // Fenced by incarnation: a restarted worker at the same address refuses it.
            worker_started_at: worker.startedAt,
          },
          { timeoutMs: 10_000 },
        );
        // The worker had the task and now reports to this master: re-attached, not run again.
        if (takeoverOnly && response.already_known) countTakeover();
        await run.enqueue('dispatch confirmed', async () => {
          if (!run.isCurrent(task)) return;
          task.dispatchConfirmed = true;
          if (task.state === 'DISPATCHED') {
            const startedAt =
              response.started_at === '' ? new Date() : new Date(response.started_at);
            await transitionTask(
              run,
              deps,
              task,
              'RUNNING',
              { startedAt },
              `running on ${worker.name}`,
            );
          }
        });
      } catch (err) {
        failActiveSpan(err);
        await run
          .enqueue('dispatch failed', () => onDispatchError(run, deps, task, worker, err))
          .catch(() => undefined);
      }
    },
  );
}

async function onDispatchError(
  run: RunHandle,
  deps: RunDeps,
  task: TaskRun,
  worker: MemberInfo,
  err: unknown,
): Promise<void> {
  if (!run.isCurrent(task) || !isActiveTaskState(task.state)) return;
  const reason = errorMessage(err);
  if (err instanceof StaleEpochError)
    throw new OwnershipLostError(`worker knows a newer owner: ${reason}`);
  if (err instanceof NotFoundError || err instanceof FailedPreconditionError) {
    await transitionTask(
      run,
      deps,
      task,
      'NEED_FAULT_TOLERANCE',
      { endedAt: new Date() },
      `worker ${worker.name}: ${reason}`,
    );
    await run.advance();
    return;
  }
  if (err instanceof InvalidArgumentError) {
    await transitionTask(
      run,
      deps,
      task,
      'FAILURE',
      { endedAt: new Date() },
      `worker refused the task: ${reason}`,
    );
    await run.advance();
    return;
  }
  const live = deps.cluster.worker(worker.name);
  if (live === undefined || live.startedAt !== worker.startedAt) {
    await transitionTask(
      run,
      deps,
      task,
      'NEED_FAULT_TOLERANCE',
      { endedAt: new Date() },
      `worker ${worker.name} is gone`,
    );
    await run.advance();
    return;
  }
  run.log.warn(
    { task: task.def.name, worker: worker.name, err: reason },
    'dispatch failed; retrying',
  );
  run.armTimer(redispatchKey(task), REDISPATCH_DELAY_MS, () => {
    if (run.isCurrent(task) && isActiveTaskState(task.state) && !task.dispatchConfirmed) {
      void sendRunTask(run, deps, task, live, task.state === 'RUNNING');
    }
    return Promise.resolve();
  });
}

/** Asks the task's worker to kill it; the worker reports KILL when the group is gone. */
export async function sendKill(
  run: RunHandle,
  deps: RunDeps,
  task: TaskRun,
  reason: string,
): Promise<void> {
  const worker = task.worker === null ? undefined : deps.cluster.worker(task.worker);
  if (worker === undefined) return; // the worker-gone path ends the task
  try {
    const response = await deps.cluster
      .workerClient(worker.address)
      .KillTask(
        { task_instance_id: task.id, instance_id: run.id, epoch: run.epoch.toString(), reason },
        { timeoutMs: 5_000 },
      );
    if (!response.known && task.dispatchConfirmed) {
      run.post('kill of unknown task', async () => {
        if (run.isCurrent(task) && isActiveTaskState(task.state)) {
          await transitionTask(
            run,
            deps,
            task,
            'KILL',
            { endedAt: new Date() },
            `${reason} (not running on ${worker.name})`,
          );
          await run.advance();
        }
      });
    }
  } catch (err) {
    run.log.warn(
      { task: task.def.name, err: errorMessage(err) },
      'kill failed; the reconciler retries',
    );
  }
}
