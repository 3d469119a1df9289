import type { InstanceRow } from '../../shared/db/schema.js';
import { formatDuration } from '../../shared/domain/duration.js';
import { isActiveTaskState, type TaskState } from '../../shared/domain/task-states.js';
import type { WorkflowDefinitionSpec } from '../../shared/domain/workflow-spec.js';
import {
  isTerminalWorkflowState,
  isWorkflowState,
  type WorkflowState,
} from '../../shared/domain/workflow-states.js';
import {
  FailedPreconditionError,
  InternalError,
  InvalidArgumentError,
  NotFoundError,
  OwnershipLostError,
  StaleEpochError,
} from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { assertNever, isFinalFailure, plan } from './dag-planner.js';
import type { RunDeps } from './run-deps.js';
import type { RunHandle } from './run-handle.js';
import { progressOf, type TaskRun } from './run-model.js';
import { TaskActions } from './task-actions.js';
import { transitionTask } from './task-lifecycle.js';

export interface TaskReportEvent {
  taskInstanceId: string;
  state: 'SUCCESS' | 'FAILURE' | 'KILL';
  exitCode: number | null;
  startedAt: Date | undefined;
  endedAt: Date;
  reason: string;
}

/**
 * One owned workflow instance, run as an actor: every event (a worker's report, a child's end,
 * a stop, a timer) runs in order through one queue, so the DAG state is never changed by two
 * things at once. Any failure other than lost ownership resets the run: it forgets its memory
 * and releases ownership, and a reconciler re-adopts it from MySQL, the source of truth.
 */
export class InstanceRun implements RunHandle {
  readonly id: string;
  readonly workflow: string;
  readonly params: Readonly<Record<string, string>>;
  readonly parentId: string | null;
  readonly log: Logger;
  private state: WorkflowState;
  private startedAt: Date | null;
  private stopReason: string | null;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private dropped = false;
  private readonly actions: TaskActions;

  constructor(
    row: InstanceRow,
    readonly epoch: bigint,
    readonly spec: WorkflowDefinitionSpec,
    readonly tasks: Map<string, TaskRun>,
    private readonly deps: RunDeps,
  ) {
    if (!isWorkflowState(row.state))
      throw new InternalError(`instance ${row.id} has unknown state ${row.state}`);
    this.id = row.id;
    this.workflow = row.workflow;
    this.params = JSON.parse(row.params) as Record<string, string>;
    this.parentId = row.parent_instance_id;
    this.state = row.state;
    this.startedAt = row.started_at;
    this.stopReason = row.stop_requested === 1 ? (row.stop_reason ?? 'stop requested') : null;
    this.log = deps.log.child({ instance_id: row.id, epoch: epoch.toString() });
    this.actions = new TaskActions(this, deps);
  }

  get currentState(): WorkflowState {
    return this.state;
  }

  enqueue<T>(label: string, op: () => Promise<T>): Promise<T> {
    const result = this.chain.then(() => {
      if (this.dropped) throw new OwnershipLostError(`instance ${this.id} is no longer run here`);
      return op();
    });
    this.chain = result.catch((err: unknown) => this.fail(label, err));
    return result;
  }

  post(label: string, op: () => Promise<void>): void {
    this.enqueue(label, op).catch(() => undefined);
  }

  isCurrent(task: TaskRun): boolean {
    return !this.dropped && this.tasks.get(task.def.name) === task;
  }

  armTimer(key: string, delayMs: number, op: () => Promise<void>): void {
    this.clearTimer(key);
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        this.post(key, op);
      },
      Math.max(0, delayMs),
    );
    this.timers.set(key, timer);
  }

  clearTimer(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  /** Takes the instance from where MySQL says it is: start it, or resume what runs. */
  start(): void {
    this.post('start', async () => {
      if (this.state === 'SUBMITTED') {
        if (this.stopReason !== null) {
          await this.finish('STOP');
          return;
        }
        const now = new Date();
        await this.deps.store.transitionInstance(
          this.id,
          this.epoch,
          'SUBMITTED',
          'RUNNING',
          { startedAt: now },
          'started',
        );
        this.state = 'RUNNING';
        this.startedAt = now;
      } else if (this.state === 'RUNNING' && this.stopReason !== null) {
        await this.toReadyStop(this.stopReason);
      }
      this.armWorkflowTimeout();
      for (const task of [...this.tasks.values()]) {
        if (isActiveTaskState(task.state)) await this.actions.resume(task);
      }
      await this.advance();
    });
  }

  async advance(): Promise<void> {
    if (this.dropped || isTerminalWorkflowState(this.state)) return;
    const progress = new Map([...this.tasks].map(([name, task]) => [name, progressOf(task)]));
    const actions = plan({
      spec: this.spec,
      progress,
      stopping: this.state === 'READY_STOP',
      now: Date.now(),
    });
    for (const action of actions) {
      switch (action.kind) {
        case 'start': {
          const def = this.spec.tasks.find((t) => t.name === action.task);
          if (def !== undefined) await this.actions.start(action.task, action.attempt, def);
          break;
        }
        case 'kill': {
          const task = this.tasks.get(action.task);
          const why =
            this.state === 'READY_STOP'
              ? (this.stopReason ?? 'instance stopping')
              : 'failure strategy END';
          if (task !== undefined) await this.actions.killTask(task, why);
          break;
        }
        case 'retry-at':
          this.armTimer(`retry:${action.task}`, action.at - Date.now(), () => this.advance());
          break;
        case 'finish':
          await this.finish(action.state);
          return;
        default:
          assertNever(action);
      }
    }
  }

  /** A worker's result for one of this instance's task attempts. Resolves once recorded. */
  onTaskReport(report: TaskReportEvent): Promise<void> {
    return this.enqueue('task report', async () => {
      const task = [...this.tasks.values()].find((t) => t.id === report.taskInstanceId);
      if (task === undefined)
        throw new FailedPreconditionError(`task instance ${report.taskInstanceId} is not current`);
      if (!isActiveTaskState(task.state)) {
        if (task.state === report.state) return; // a re-delivered result
        throw new FailedPreconditionError(
          `task instance ${report.taskInstanceId} already ended ${task.state}`,
        );
      }
      // A kill this master did not ask for (the worker shut down, say) hands the task back.
      const to: TaskState =
        report.state === 'KILL' && !task.killRequested ? 'NEED_FAULT_TOLERANCE' : report.state;
      await transitionTask(
        this,
        this.deps,
        task,
        to,
        {
          endedAt: report.endedAt,
          exitCode: report.exitCode,
          ...(task.startedAt === null && report.startedAt !== undefined
            ? { startedAt: report.startedAt }
            : {}),
        },
        report.reason,
      );
      await this.advance();
    });
  }

  onChildEnded(childId: string): Promise<void> {
    return this.enqueue('child ended', async () => {
      const task = [...this.tasks.values()].find((t) => t.childId === childId);
      if (task === undefined || task.state !== 'RUNNING') return;
      await this.actions.childEnded(task);
      await this.advance();
    });
  }

  requestStop(reason: string): void {
    this.post('stop', async () => {
      this.stopReason ??= reason;
      if (this.state === 'RUNNING') await this.toReadyStop(reason);
      await this.advance();
    });
  }

  onWorkerGone(worker: string): void {
    this.post('worker gone', async () => {
      for (const task of [...this.tasks.values()]) {
        if (
          task.def.type === 'SHELL' &&
          task.worker === worker &&
          (task.state === 'DISPATCHED' || task.state === 'RUNNING')
        ) {
          await this.actions.workerGone(task);
        }
      }
      await this.advance();
    });
  }

  /** Periodic: re-check everything a lost message could have left behind. */
  reconcile(stopRequested: boolean, stopReason: string | null): void {
    this.post('reconcile', async () => {
      if (stopRequested && this.state === 'RUNNING')
        await this.toReadyStop(stopReason ?? 'stop requested');
      for (const task of [...this.tasks.values()]) {
        if (isActiveTaskState(task.state)) await this.actions.reconcile(task);
      }
      await this.advance();
    });
  }

  /** Forgets the run without writing anything (ownership is gone or about to be). */
  drop(): void {
    this.dropped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async toReadyStop(reason: string): Promise<void> {
    await this.deps.store.transitionInstance(
      this.id,
      this.epoch,
      'RUNNING',
      'READY_STOP',
      {},
      reason,
    );
    this.state = 'READY_STOP';
    this.stopReason = reason;
  }

  private armWorkflowTimeout(): void {
    const { timeoutMs, timeoutStrategy } = this.spec;
    if (timeoutMs === null || this.startedAt === null || this.state !== 'RUNNING') return;
    const reason = `workflow timed out after ${formatDuration(timeoutMs)}`;
    this.armTimer(
      'workflow-timeout',
      this.startedAt.getTime() + timeoutMs - Date.now(),
      async () => {
        if (this.state !== 'RUNNING') return;
        if (timeoutStrategy === 'WARN') {
          this.log.warn(reason);
          await this.deps.store.note(this.id, this.epoch, this.state, `warning: ${reason}`);
          return;
        }
        await this.toReadyStop(reason);
        await this.advance();
      },
    );
  }

  private async finish(to: 'SUCCESS' | 'FAILURE' | 'STOP'): Promise<void> {
    const from = this.state;
    await this.deps.store.transitionInstance(
      this.id,
      this.epoch,
      from,
      to,
      { endedAt: new Date() },
      this.finishReason(to),
    );
    this.state = to;
    this.drop();
    this.log.info({ state: to }, 'instance ended');
    this.deps.ended(this.id, this.epoch, this.parentId);
  }

  private finishReason(to: 'SUCCESS' | 'FAILURE' | 'STOP'): string {
    if (to === 'STOP') return this.stopReason ?? 'stopped';
    if (to === 'SUCCESS') return '';
    const failed = this.spec.tasks.filter((t) => {
      const task = this.tasks.get(t.name);
      return task !== undefined && isFinalFailure(t, progressOf(task));
    });
    return `failed tasks: ${failed.map((t) => t.name).join(', ') || 'none could run'}`;
  }

  private fail(label: string, err: unknown): void {
    // Refusals answer the caller; they say nothing about the run's health.
    if (this.dropped || isRefusal(err)) return;
    const lost = err instanceof OwnershipLostError;
    if (lost)
      this.log.warn({ err: err.message, during: label }, 'ownership lost; dropping instance');
    else this.log.error({ err, during: label }, 'instance run failed; resetting it from MySQL');
    this.drop();
    this.deps.dropped(this.id, this.epoch, !lost);
  }
}

function isRefusal(err: unknown): boolean {
  return (
    err instanceof FailedPreconditionError ||
    err instanceof NotFoundError ||
    err instanceof InvalidArgumentError ||
    err instanceof StaleEpochError
  );
}
