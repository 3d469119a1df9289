import { ATTR, failActiveSpan, inSpan } from '../../../shared/telemetry/tracing.js';
import { racePoint } from '../../../shared/race-points.js';
import { isActiveTaskState } from '../../../shared/domain/task-states.js';
import type { TaskDefinition } from '../../../shared/domain/workflow-spec.js';
import {
  errorMessage,
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
  OwnershipLostError,
  StaleEpochError,
} from '../../../shared/errors.js';
import type { MemberInfo } from '../../../shared/etcd/members.js';
import { countTakeover } from '../metrics.js';
import type { RunHandle } from './run-handle.js';
import type { TaskRun } from './run-model.js';
import type { RunPorts } from './run-ports.js';
import { redispatchKey } from './task-records.js';
import { taskCommand, taskParams } from './task-params.js';

const REDISPATCH_DELAY_MS = 1_000;

/**
 * SHELL tasks: dispatch to the least loaded worker of the task's group, (re)send RunTask, and
 * ask for kills. DISPATCHED (with the worker's name) is committed before a call, so a new owner
 * after a failover knows where to look; the calls run outside the instance's queue and come
 * back into it with their results.
 */
export class ShellTasks {
  constructor(
    private readonly run: RunHandle,
    private readonly ports: RunPorts,
  ) {}

  /** Grouped attempts whose slot request is in flight (one at a time each). */
  private readonly asking = new Set<string>();

  /**
   * A new attempt, inserted already DISPATCHED (and sent) when a worker is available; a grouped
   * one is inserted WAITING_GROUP and asks its group for a slot first.
   */
  async start(def: TaskDefinition, attempt: number): Promise<TaskRun> {
    if (def.taskGroup !== null) {
      const waiting = await this.run.tasks.insertWaiting(def, attempt);
      this.askGroup(waiting);
      return waiting;
    }
    const worker = this.ports.workers.pick(def.workerGroup);
    const task = await this.run.tasks.insert(def, attempt, worker);
    if (worker === undefined) this.waitForWorker(task);
    else this.launch(task, worker);
    return task;
  }

  /** Hands a SUBMITTED attempt to a worker. True when it was sent. */
  async dispatch(task: TaskRun): Promise<boolean> {
    const worker = this.ports.workers.pick(task.def.workerGroup);
    if (worker === undefined) {
      this.waitForWorker(task);
      return false;
    }
    await this.run.tasks.transition(
      task,
      'DISPATCHED',
      { worker: worker.name },
      `dispatched to ${worker.name}`,
    );
    this.launch(task, worker);
    return true;
  }

  /**
   * Asks the task's group for a slot for this attempt (idempotent: asking again after a lost
   * answer, or as a new owner after a failover, re-attaches to the slot or queue entry the
   * attempt already has). The call runs outside the instance's queue; an admission comes back
   * into it. A QUEUED attempt is dispatched on the coordinator's push, or when the reconcile
   * asks again.
   */
  askGroup(task: TaskRun): void {
    const grouped = this.run.tasks.grouped(task);
    if (grouped === undefined || this.asking.has(task.id)) return;
    this.asking.add(task.id);
    const { run, ports } = this;
    ports.taskGroups
      .acquire(grouped)
      .then((decision) => {
        if (decision === 'ADMITTED')
          run.post('task group admitted', async () => {
            if (await this.admitted(task)) await run.advance();
          });
      })
      .catch((err: unknown) =>
        run.log.warn(
          { task: task.def.name, group: grouped.group, err: errorMessage(err) },
          'task group slot request failed; the reconcile asks again',
        ),
      )
      .finally(() => this.asking.delete(task.id));
  }

  /**
   * The attempt holds a slot of its group: dispatch it (WAITING_GROUP -> DISPATCHED). True when
   * it was sent; without a live worker it keeps its slot and waits (the reconcile tries again).
   */
  async admitted(task: TaskRun): Promise<boolean> {
    if (!this.run.isCurrent(task) || task.state !== 'WAITING_GROUP') return false;
    const worker = this.ports.workers.pick(task.def.workerGroup);
    if (worker === undefined) {
      this.waitForWorker(task);
      return false;
    }
    await racePoint('master.task-group.before-dispatch', this.run.id, task.def.name);
    await this.run.tasks.transition(
      task,
      'DISPATCHED',
      { worker: worker.name },
      `holds a slot of task group ${task.def.taskGroup ?? '?'}; dispatched to ${worker.name}`,
    );
    this.launch(task, worker);
    return true;
  }

  private waitForWorker(task: TaskRun): void {
    this.run.log.info(
      { task: task.def.name, group: task.def.workerGroup },
      'no live worker in group; task waits',
    );
  }

  private launch(task: TaskRun, worker: MemberInfo): void {
    this.ports.workers.noteDispatched(worker.name);
    void this.send(task, worker, false);
  }

  /**
   * Sends (or re-sends) RunTask. The worker treats it idempotently by task instance id, and a
   * newer epoch re-points a running task's result to this master (take-over). With
   * `takeoverOnly`, a worker that does not know the task says so instead of starting it.
   */
  send(task: TaskRun, worker: MemberInfo, takeoverOnly: boolean): Promise<void> {
    const { run, ports } = this;
    run.tasks.sentTo(task, worker);
    run.tasks.sending(task, true);
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
        let params: Record<string, string>;
        let command: string;
        try {
          params = taskParams(run, def, task.attempt);
          command = taskCommand(run, def, params);
        } catch (err) {
          failActiveSpan(err);
          await run
            .enqueue('params failed', () => this.onParamsError(task, err))
            .catch(() => undefined);
          return;
        }
        try {
          const response = await ports.workers.runTask(worker, {
            task_instance_id: task.id,
            instance_id: run.id,
            epoch: run.epoch.toString(),
            owner: ports.self.name,
            owner_address: ports.self.address,
            task_name: def.name,
            attempt: task.attempt,
            command,
            params,
            outputs: def.outputs,
            timeout_ms:
              def.timeoutStrategy === 'FAIL' && def.timeoutMs !== null
                ? String(def.timeoutMs)
                : '0',
            workflow: run.workflow,
            takeover_only: takeoverOnly,
            // Fenced by incarnation: a restarted worker at the same address refuses it.
            worker_started_at: worker.startedAt,
          });
          // The worker had the task and now reports to this master: re-attached, not run again.
          if (takeoverOnly && response.already_known) countTakeover();
          await run.enqueue('dispatch confirmed', async () => {
            run.tasks.sending(task, false);
            if (!run.isCurrent(task)) return;
            run.tasks.confirmed(task);
            if (task.state !== 'DISPATCHED') return;
            const startedAt =
              response.started_at === ''
                ? new Date(ports.clock.now())
                : new Date(response.started_at);
            await run.tasks.transition(task, 'RUNNING', { startedAt }, `running on ${worker.name}`);
          });
        } catch (err) {
          failActiveSpan(err);
          await run
            .enqueue('dispatch failed', () => this.onDispatchError(task, worker, err))
            .catch(() => undefined);
        }
      },
    );
  }

  /** The attempt's params could not be computed (a malformed `$[...]` in a value): it fails. */
  private async onParamsError(task: TaskRun, err: unknown): Promise<void> {
    const { run, ports } = this;
    run.tasks.sending(task, false);
    if (!run.isCurrent(task) || !isActiveTaskState(task.state)) return;
    const endedAt = new Date(ports.clock.now());
    await run.tasks.transition(task, 'FAILURE', { endedAt }, `params: ${errorMessage(err)}`);
    await run.advance();
  }

  private async onDispatchError(task: TaskRun, worker: MemberInfo, err: unknown): Promise<void> {
    const { run, ports } = this;
    run.tasks.sending(task, false);
    if (!run.isCurrent(task) || !isActiveTaskState(task.state)) return;
    const reason = errorMessage(err);
    const now = new Date(ports.clock.now());
    if (err instanceof StaleEpochError)
      throw new OwnershipLostError(`worker knows a newer owner: ${reason}`);
    if (err instanceof NotFoundError || err instanceof FailedPreconditionError) {
      await run.tasks.transition(
        task,
        'NEED_FAULT_TOLERANCE',
        { endedAt: now },
        `worker ${worker.name}: ${reason}`,
      );
      await run.advance();
      return;
    }
    if (err instanceof InvalidArgumentError) {
      await run.tasks.transition(
        task,
        'FAILURE',
        { endedAt: now },
        `worker refused the task: ${reason}`,
      );
      await run.advance();
      return;
    }
    const live = ports.workers.get(worker.name);
    if (live === undefined || live.startedAt !== worker.startedAt) {
      await run.tasks.transition(
        task,
        'NEED_FAULT_TOLERANCE',
        { endedAt: now },
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
        void this.send(task, live, task.state === 'RUNNING');
      }
      return Promise.resolve();
    });
  }

  /** Asks the task's worker to kill it; the worker reports KILL when the group is gone. */
  async kill(task: TaskRun, reason: string): Promise<void> {
    const { run, ports } = this;
    const worker = task.worker === null ? undefined : ports.workers.get(task.worker);
    if (worker === undefined) return; // the worker-gone path ends the task
    try {
      const response = await ports.workers.killTask(worker, {
        task_instance_id: task.id,
        instance_id: run.id,
        epoch: run.epoch.toString(),
        reason,
      });
      if (!response.known && task.dispatchConfirmed) {
        run.post('kill of unknown task', async () => {
          if (!run.isCurrent(task) || !isActiveTaskState(task.state)) return;
          await run.tasks.transition(
            task,
            'KILL',
            { endedAt: new Date(ports.clock.now()) },
            `${reason} (not running on ${worker.name})`,
          );
          await run.advance();
        });
      }
    } catch (err) {
      run.log.warn(
        { task: task.def.name, err: errorMessage(err) },
        'kill failed; the reconciler retries',
      );
    }
  }
}
