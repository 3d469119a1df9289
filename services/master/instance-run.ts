import {
  ATTR,
  context,
  inSpan,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
} from '../../shared/telemetry/tracing.js';
import type { InstanceRow } from '../../shared/db/schema.js';
import type { MemberInfo } from '../../shared/etcd/members.js';
import { formatDuration } from '../../shared/domain/duration.js';
import { isActiveTaskState } from '../../shared/domain/task-states.js';
import type { WorkflowDefinitionSpec } from '../../shared/domain/workflow-spec.js';
import {
  isTerminalWorkflowState,
  isWorkflowState,
  type WorkflowState,
} from '../../shared/domain/workflow-states.js';
import { InternalError, OwnershipLostError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { racePoint } from '../../shared/race-points.js';
import type { SerialDecisionKind } from '../../shared/serial/serial-values.js';
import { assertNever, plan } from './dag-planner.js';
import { ActorQueue, isRefusal } from './actor-queue.js';
import { RunTimers } from './run-timers.js';
import { endReason, type EndState } from './run-summary.js';
import { applyTaskReport, type TaskReportEvent } from './task-report.js';
import type { RunDeps } from './run-deps.js';
import type { RunHandle } from './run-handle.js';
import { progressOf, type TaskRun } from './run-model.js';
import { TaskActions } from './task-actions.js';

/** How often a waiting instance asks the coordinator again, in case a push and a watch event were both lost. */
const WAITING_RESYNC_MS = 30_000;

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
  readonly executionType: string;
  readonly log: Logger;
  private state: WorkflowState;
  private startedAt: Date | null;
  private stopReason: string | null;
  private readonly queue = new ActorQueue(
    () => new OwnershipLostError(`instance ${this.id} is no longer run here`),
    (label, err) => this.fail(label, err),
  );
  private readonly timers = new RunTimers();
  private lastAskedAt = 0;
  private readonly actions: TaskActions;

  constructor(
    row: InstanceRow,
    readonly epoch: bigint,
    readonly spec: WorkflowDefinitionSpec,
    readonly tasks: Map<string, TaskRun>,
    private readonly deps: RunDeps,
    /** This owner's span in the instance's trace: everything the run does hangs under it. */
    readonly traceContext: Context,
  ) {
    if (!isWorkflowState(row.state))
      throw new InternalError(`instance ${row.id} has unknown state ${row.state}`);
    this.id = row.id;
    this.workflow = row.workflow;
    this.params = JSON.parse(row.params) as Record<string, string>;
    this.parentId = row.parent_instance_id;
    this.executionType = row.execution_type;
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
    return this.queue.enqueue(label, () => context.with(this.traceContext, op));
  }

  post(label: string, op: () => Promise<void>): void {
    this.queue.post(label, () => context.with(this.traceContext, op));
  }

  /** Span attributes naming this instance and its owner's epoch. */
  get spanAttributes(): Attributes {
    return {
      [ATTR.instanceId]: this.id,
      [ATTR.workflow]: this.workflow,
      [ATTR.epoch]: this.epoch.toString(),
    };
  }

  private get dropped(): boolean {
    return this.queue.closed;
  }

  isCurrent(task: TaskRun): boolean {
    return !this.dropped && this.tasks.get(task.def.name) === task;
  }

  armTimer(key: string, delayMs: number, op: () => Promise<void>): void {
    this.timers.arm(key, delayMs, () => this.post(key, op));
  }

  clearTimer(key: string): void {
    this.timers.clear(key);
  }

  /** Takes the instance from where MySQL says it is: start it, queue it, or resume what runs. */
  start(): void {
    this.post('start', async () => {
      if (this.state === 'SUBMITTED' && this.stopReason !== null) {
        await this.finish('STOP');
        return;
      }
      if (this.state === 'SERIAL_WAIT' && this.stopReason !== null) {
        await this.leaveQueue(this.stopReason);
        return;
      }
      if (this.state === 'SUBMITTED' || this.state === 'SERIAL_WAIT') {
        if (this.serial) await this.askToRun();
        else await this.toRunning();
        return;
      }
      if (this.state === 'RUNNING' && this.stopReason !== null)
        await this.toReadyStop(this.stopReason);
      if (this.serial) this.deps.serial.updateHolder(this.workflow, this.id, this.epoch);
      this.armWorkflowTimeout();
      for (const task of [...this.tasks.values()]) {
        if (isActiveTaskState(task.state)) await this.actions.resume(task);
      }
      await this.advance();
    });
  }

  private get serial(): boolean {
    return this.executionType !== 'PARALLEL';
  }

  private get waiting(): boolean {
    return this.state === 'SUBMITTED' || this.state === 'SERIAL_WAIT';
  }

  /** Asks the coordinator for the serial slot (idempotent) and acts on its answer. */
  private async askToRun(): Promise<void> {
    this.lastAskedAt = Date.now();
    const decision = await inSpan(
      'baton.serial.enqueue',
      { attributes: { ...this.spanAttributes, 'baton.execution_type': this.executionType } },
      async (span) => {
        const answer = await this.deps.serial.enqueue(
          this.workflow,
          this.id,
          this.executionType,
          this.epoch,
        );
        span.setAttribute('baton.serial.decision', answer);
        return answer;
      },
    );
    await this.applyDecision(decision);
  }

  private async applyDecision(decision: SerialDecisionKind): Promise<void> {
    if (!this.waiting) return;
    switch (decision) {
      case 'ADMITTED':
        this.deps.serial.watch.remove(this.workflow, this.id);
        await inSpan('baton.serial.admitted', { attributes: this.spanAttributes }, () =>
          this.toRunning(),
        );
        return;
      case 'QUEUED':
        if (this.state === 'SUBMITTED') {
          await this.setState('SERIAL_WAIT', {}, 'waiting for the serial slot');
        }
        this.deps.serial.watch.add(this.workflow, this.id);
        return;
      case 'DISCARDED':
        await this.finish('SERIAL_DISCARD');
        return;
      default:
        assertNever(decision);
    }
  }

  /** The coordinator's push or the slot watch: this waiting instance was admitted or discarded. */
  onSerialDecision(decision: 'ADMITTED' | 'DISCARDED'): void {
    this.post('serial decision', () => this.applyDecision(decision));
  }

  private async toRunning(): Promise<void> {
    const now = new Date();
    await this.setState('RUNNING', { startedAt: now }, 'started');
    this.startedAt = now;
    this.armWorkflowTimeout();
    await this.advance();
  }

  /** Stopped while waiting: out of the queue at once, then STOP. */
  private async leaveQueue(reason: string): Promise<void> {
    await this.deps.serial.remove(this.workflow, this.id);
    this.stopReason = reason;
    await this.finish('STOP');
  }

  async advance(): Promise<void> {
    if (this.dropped || this.waiting || isTerminalWorkflowState(this.state)) return;
    const progress = new Map([...this.tasks].map(([name, task]) => [name, progressOf(task)]));
    const actions = plan({
      spec: this.spec,
      progress,
      stopping: this.state === 'READY_STOP',
      now: Date.now(),
    });
    const killReason =
      this.state === 'READY_STOP'
        ? (this.stopReason ?? 'instance stopping')
        : 'failure strategy END';
    const end = await this.actions.carryOut(actions, killReason);
    if (end !== undefined) await this.finish(end);
  }

  /** A worker's result for one of this instance's task attempts. Resolves once recorded. */
  onTaskReport(report: TaskReportEvent): Promise<void> {
    // Linked to the worker's report call, which sits in the worker's trace of the task run.
    const from = trace.getActiveSpan()?.spanContext();
    return this.enqueue('task report', () =>
      inSpan(
        'baton.task.report',
        {
          attributes: { ...this.spanAttributes, [ATTR.taskInstanceId]: report.taskInstanceId },
          ...(from === undefined ? {} : { links: [{ context: from }] }),
        },
        async () => {
          if (!(await applyTaskReport(this, this.deps, report))) return;
          await racePoint('master.report.before-advance', this.id, this.workflow);
          await this.advance();
        },
      ),
    );
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
      if (this.state === 'SERIAL_WAIT' || this.state === 'SUBMITTED') {
        await this.leaveQueue(this.stopReason);
        return;
      }
      if (this.state === 'RUNNING') await this.toReadyStop(reason);
      await racePoint('master.stop.before-kill', this.id, this.workflow);
      await this.advance();
    });
  }

  onWorkerGone(worker: MemberInfo): void {
    this.post('worker gone', async () => {
      await this.actions.workerGone(worker);
      await this.advance();
    });
  }

  /** Periodic: re-check everything a lost message could have left behind. */
  reconcile(stopRequested: boolean, stopReason: string | null): void {
    this.post('reconcile', async () => {
      if (stopRequested && this.waiting) {
        await this.leaveQueue(stopReason ?? 'stop requested');
        return;
      }
      if (this.state === 'SERIAL_WAIT') {
        // The push and the slot watch tell us first; asking again is the last resort.
        if (Date.now() - this.lastAskedAt > WAITING_RESYNC_MS) await this.askToRun();
        return;
      }
      if (stopRequested && this.state === 'RUNNING') {
        await this.toReadyStop(stopReason ?? 'stop requested');
      }
      for (const task of [...this.tasks.values()]) {
        if (isActiveTaskState(task.state)) await this.actions.reconcile(task);
      }
      await this.advance();
    });
  }

  /** Forgets the run without writing anything (ownership is gone or about to be). */
  drop(): void {
    this.queue.close();
    this.timers.clearAll();
  }

  /** The one setter of the instance's state: fenced, checked against the table, recorded. */
  private async setState(
    to: WorkflowState,
    patch: { startedAt?: Date; endedAt?: Date },
    reason: string,
  ): Promise<void> {
    await this.deps.store.transitionInstance(this.id, this.epoch, this.state, to, patch, reason);
    this.state = to;
  }

  private async toReadyStop(reason: string): Promise<void> {
    await this.setState('READY_STOP', {}, reason);
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

  private finish(to: EndState): Promise<void> {
    return inSpan(
      'baton.instance.end',
      { attributes: { ...this.spanAttributes, [ATTR.state]: to } },
      (span) => {
        if (to === 'FAILURE') span.setStatus({ code: SpanStatusCode.ERROR, message: to });
        return this.commitEnd(to);
      },
    );
  }

  private async commitEnd(to: EndState): Promise<void> {
    const from = this.state;
    const heldSlot = this.serial && (from === 'RUNNING' || from === 'READY_STOP');
    if (heldSlot) await racePoint('serial.before-terminal-commit', this.id);
    await this.setState(
      to,
      { endedAt: new Date() },
      endReason(to, this.spec, this.tasks, this.stopReason),
    );
    this.drop();
    this.deps.serial.watch.remove(this.workflow, this.id);
    this.log.info({ state: to }, 'instance ended');
    this.deps.ended(this.id, this.epoch, this.parentId);
    if (heldSlot) {
      // Only now, with the terminal state committed, may the slot pass to the next instance.
      await racePoint('serial.before-release', this.id);
      this.deps.serial.release(this.workflow, this.id);
    }
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
