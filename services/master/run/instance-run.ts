import {
  ATTR,
  context,
  inSpan,
  type Attributes,
  type Context,
} from '../../../shared/telemetry/tracing.js';
import type { InstanceRow } from '../../../shared/db/schema.js';
import type { MemberInfo } from '../../../shared/etcd/members.js';
import { parseStoredParams } from '../../../shared/domain/params.js';
import { isActiveTaskState } from '../../../shared/domain/task-states.js';
import type { WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import {
  isTerminalWorkflowState,
  type WorkflowState,
} from '../../../shared/domain/workflow-states.js';
import type { Admission } from '../../../shared/serial/serial-values.js';
import { queueTicketOf } from '../../../shared/instances/queue-ticket.js';
import { OwnershipLostError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/log.js';
import { racePoint } from '../../../shared/race-points.js';
import { plan } from './dag-planner.js';
import { ActorQueue, isRefusal } from './actor-queue.js';
import { InstanceLifecycle } from './instance-lifecycle.js';
import { RunTimers } from './run-timers.js';
import { carryOutForces } from './force-control.js';
import { isSuspendedWhilePaused, PauseControl } from './pause-control.js';
import { parseStoredTasks } from '../../../shared/domain/start-scope.js';
import { selectionOf } from './start-selection.js';
import type { EndState } from './run-summary.js';
import { applyTaskReport, reportSpanOptions, type TaskReportEvent } from './task-report.js';
import type { RunHandle } from './run-handle.js';
import type { TaskRun } from './run-model.js';
import type { RunPorts } from './run-ports.js';
import { SerialAdmission } from './serial-admission.js';
import { SerialTurn } from './serial-turn.js';
import { armWorkflowTimeout } from './workflow-timeout.js';
import { TaskActions } from './task-actions.js';
import { TaskRecords } from './task-records.js';

/**
 * One owned workflow instance, run as an actor: every event (a worker's report, a child's end,
 * a stop, a timer) runs in order through one queue, so the DAG state is never changed by two
 * things at once. Any failure other than lost ownership resets the run: it forgets its memory
 * and says so (`dropped` with release), and a reconciler re-adopts it from MySQL, the source
 * of truth. Ending and dropping are published on `ports.events`; the run holds nothing of
 * ownership.
 */
export class InstanceRun implements RunHandle {
  readonly id: string;
  readonly workflow: string;
  readonly params: Readonly<Record<string, string>>;
  readonly scheduleTime: Date;
  readonly parentId: string | null;
  readonly executionType: string;
  readonly log: Logger;
  readonly tasks: TaskRecords;
  readonly serial: boolean;
  /** The instance's round (see migration 0009): what this owner runs is planned in it. */
  readonly round: number;
  /** Tasks a `recover --from` runs again in this round (see migration 0009). */
  readonly rerun: ReadonlySet<string>;
  /** A serial instance's admission in this round: the queue ticket it waits under. */
  readonly admission: Admission;
  /** A start from tasks: the tasks that are part of the run; undefined for all. */
  private readonly selected: ReadonlySet<string> | undefined;
  private readonly queue = new ActorQueue(
    () => new OwnershipLostError(`instance ${this.id} is no longer run here`),
    (label, err) => this.fail(label, err),
  );
  private readonly timers: RunTimers;
  private readonly actions: TaskActions;
  private readonly serialAdmission: SerialAdmission;
  private readonly life: InstanceLifecycle;
  private readonly pauses: PauseControl;
  /**
   * The pause as last read from the row (at adoption, then pushes and the reconciler), kept
   * while the instance waits too: a child paused with its parent before it ran pauses as it
   * starts, before any task.
   */
  private pauseRequested: boolean;

  constructor(
    row: InstanceRow,
    readonly epoch: bigint,
    readonly spec: WorkflowDefinitionSpec,
    taskRuns: ReadonlyMap<string, TaskRun>,
    private readonly ports: RunPorts,
    /** This owner's span in the instance's trace: everything the run does hangs under it. */
    readonly traceContext: Context,
  ) {
    this.id = row.id;
    this.workflow = row.workflow;
    this.params = parseStoredParams(row.params);
    this.scheduleTime = row.schedule_time ?? row.created_at;
    this.parentId = row.parent_instance_id;
    this.executionType = row.execution_type;
    this.serial = row.execution_type !== 'PARALLEL';
    this.round = row.round;
    this.rerun = new Set(parseStoredTasks(row.rerun_tasks));
    this.admission = { instanceId: row.id, ticket: queueTicketOf(row), round: row.round };
    this.selected = selectionOf(spec, row);
    this.log = ports.log.child({ instance_id: row.id, epoch: epoch.toString() });
    this.timers = new RunTimers(ports.clock);
    this.tasks = new TaskRecords(this, ports.store, ports.workers, ports.taskGroups, taskRuns);
    this.actions = new TaskActions(this, ports);
    this.life = new InstanceLifecycle(row, this, ports);
    this.serialAdmission = new SerialAdmission(
      {
        id: this.id,
        workflow: this.workflow,
        admission: this.admission,
        log: this.log,
        spanAttributes: this.spanAttributes,
        armTimer: (key, delayMs, op) => this.armTimer(key, delayMs, op),
        toRunning: () => this.toRunning(),
        finish: (to) => this.finish(to),
      },
      this.life,
      new SerialTurn(this, ports),
      ports,
    );
    this.pauses = new PauseControl(this, this.life, this.timers, ports);
    this.pauseRequested = row.pause_requested === 1;
  }

  get currentState(): WorkflowState {
    return this.life.state;
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
    return !this.dropped && this.tasks.isNewest(task);
  }

  armTimer(key: string, delayMs: number, op: () => Promise<void>): void {
    // Suspended while paused: a resume re-plans retries and re-checks DEPENDENT tasks.
    const paused = this.life.state === 'PAUSE' || this.life.state === 'READY_PAUSE';
    if (paused && isSuspendedWhilePaused(key)) return;
    this.timers.arm(key, delayMs, () => this.post(key, op));
  }

  clearTimer(key: string): void {
    this.timers.clear(key);
  }

  hasTimer(key: string): boolean {
    return this.timers.has(key);
  }

  /** Takes the instance from where MySQL says it is: start it, queue it, or resume what runs. */
  start(): void {
    this.post('start', async () => {
      const { state, stopReason } = this.life;
      if (state === 'SUBMITTED' && stopReason !== null) {
        await this.finish('STOP');
        return;
      }
      if (this.life.waiting) {
        if (stopReason !== null) await this.serialAdmission.leaveQueue(stopReason);
        else if (this.serial) await this.serialAdmission.ask();
        else await this.toRunning();
        return;
      }
      if (state === 'RUNNING' && stopReason !== null) await this.life.toReadyStop(stopReason);
      if (this.serial) this.ports.serial.updateHolder(this.workflow, this.admission, this.epoch);
      this.armWorkflowTimeout();
      for (const task of this.tasks.all()) {
        if (isActiveTaskState(task.state)) await this.actions.resume(task);
      }
      if (stopReason === null && (await this.pauses.apply(this.pauseRequested)) === undefined)
        this.pauses.syncChildren();
      await this.advance();
    });
  }

  /** The coordinator's push or the slot watch: this waiting instance was admitted or discarded. */
  onSerialDecision(decision: 'ADMITTED' | 'DISCARDED', ticket = this.admission.ticket): void {
    // A push about another ticket (an earlier round of this instance) is not about this round.
    if (ticket !== this.admission.ticket) return;
    this.post('serial decision', () => this.serialAdmission.decide(decision));
  }

  /** SUBMITTED|SERIAL_WAIT -> RUNNING (admitted, or not serial), then the first plan. */
  private async toRunning(): Promise<void> {
    // A later round is a recover or a resume from STOP: this commit is where the owner takes it on.
    const repair = this.round > 0;
    if (repair) await racePoint('master.round.before-commit', this.id, this.workflow);
    await this.life.toRunning();
    if (repair) await racePoint('master.round.after-commit', this.id, this.workflow);
    if (this.pauseRequested && this.life.stopReason === null) await this.pauses.apply(true);
    this.armWorkflowTimeout();
    await this.advance();
  }

  async advance(): Promise<void> {
    const { state } = this.life;
    if (this.dropped || this.life.waiting || isTerminalWorkflowState(state)) return;
    if (state === 'PAUSE') return;
    const stopping = state === 'READY_STOP';
    const pausing = state === 'READY_PAUSE';
    const actions = plan({
      spec: this.spec,
      progress: this.tasks.progress(),
      stopping,
      pausing,
      paused: pausing ? await this.pauses.pausedChildTasks() : new Set(),
      ...(this.selected === undefined ? {} : { selected: this.selected }),
      pauses: this.life.pauses,
      now: this.ports.clock.now(),
    });
    const killReason = stopping
      ? (this.life.stopReason ?? 'instance stopping')
      : 'failure strategy END';
    const { end, settled } = await this.actions.carryOut(actions, killReason);
    if (end === 'PAUSE') await this.pauses.paused();
    else if (end !== undefined) await this.finish(end);
    // A skip or a decision ended a task while the plan was carried out: plan again.
    else if (settled) await this.advance();
  }

  /** A worker's result for one of this instance's task attempts. Resolves once recorded. */
  onTaskReport(report: TaskReportEvent): Promise<void> {
    const options = reportSpanOptions(this.spanAttributes, report.taskInstanceId);
    return this.enqueue('task report', () =>
      inSpan('baton.task.report', options, async () => {
        if (!(await applyTaskReport(this.tasks, report))) return;
        await racePoint('master.report.before-advance', this.id, this.workflow);
        await this.advance();
      }),
    );
  }

  /** The coordinator's push: a waiting attempt of a grouped task holds a slot now. */
  onTaskGroupAdmitted(taskInstanceId: string): void {
    this.post('task group admitted', async () => {
      const task = this.tasks.byId(taskInstanceId);
      if (task === undefined || !this.isCurrent(task)) return;
      await this.actions.groupAdmitted(task);
      await this.advance();
    });
  }

  onChildEnded(childId: string): Promise<void> {
    return this.enqueue('child ended', async () => {
      const task = this.tasks.byChild(childId);
      if (task === undefined || task.state !== 'RUNNING') return;
      await this.actions.childEnded(task);
      await this.advance();
    });
  }

  requestStop(reason: string): void {
    this.post('stop', async () => {
      const first = this.life.noteStopRequested(reason);
      if (this.life.waiting) {
        await this.serialAdmission.leaveQueue(first);
        return;
      }
      // A paused instance stops too: its paused children are stopped with it.
      if (['RUNNING', 'READY_PAUSE', 'PAUSE'].includes(this.life.state))
        await this.life.toReadyStop(reason);
      await racePoint('master.stop.before-kill', this.id, this.workflow);
      await this.advance();
    });
  }

  /**
   * The api's push: the pause request (true) or its end (false) as recorded on the row, and
   * the force-success requests recorded for paused tasks (attempt ids), carried out first so
   * that a resume plans with them.
   */
  applyPause(pauseRequested: boolean, forced: readonly string[] = []): void {
    this.post(pauseRequested ? 'pause' : 'resume', async () => {
      this.pauseRequested = pauseRequested;
      if (this.life.waiting || this.life.stopReason !== null) return;
      await carryOutForces(this, forced);
      if ((await this.pauses.apply(pauseRequested)) === 'resumed') await this.recheckActive();
      await this.advance();
    });
  }

  /** After a resume: re-arms what the pause suspended on active tasks (DEPENDENT checks). */
  private async recheckActive(): Promise<void> {
    for (const task of this.tasks.all()) {
      if (isActiveTaskState(task.state)) await this.actions.reconcile(task);
    }
  }

  onWorkerGone(worker: MemberInfo): void {
    this.post('worker gone', async () => {
      await this.actions.workerGone(worker);
      await this.advance();
    });
  }

  /** Periodic: re-check everything a lost message could have left behind. */
  reconcile(
    stopRequested: boolean,
    stopReason: string | null,
    pauseRequested = false,
    forced: readonly string[] = [],
  ): void {
    this.post('reconcile', async () => {
      this.pauseRequested = pauseRequested;
      if (stopRequested && this.life.waiting) {
        await this.serialAdmission.leaveQueue(stopReason ?? 'stop requested');
        return;
      }
      if (this.life.waiting && this.serial) {
        // The push and the slot watch tell us first; asking again is the last resort.
        await this.serialAdmission.resync();
        return;
      }
      if (stopRequested && ['RUNNING', 'READY_PAUSE', 'PAUSE'].includes(this.life.state)) {
        await this.life.toReadyStop(stopReason ?? 'stop requested');
      }
      if (!stopRequested) {
        await carryOutForces(this, forced);
        await this.pauses.apply(pauseRequested);
        this.pauses.resyncChildren();
      }
      for (const task of this.tasks.all()) {
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

  /** Arms the workflow timeout (workflow-timeout.ts) with the time it has left. */
  armWorkflowTimeout(): void {
    armWorkflowTimeout(this, this.life, this.ports);
  }

  /** Commits the end, stops acting, then announces it (and frees a serial slot). */
  private async finish(to: EndState): Promise<void> {
    const heldSlot = await this.life.commitEnd(to, this.tasks);
    this.drop();
    await this.life.announceEnd(to, heldSlot);
  }

  private fail(label: string, err: unknown): void {
    // Refusals answer the caller; they say nothing about the run's health.
    if (this.dropped || isRefusal(err)) return;
    const lost = err instanceof OwnershipLostError;
    if (lost)
      this.log.warn({ err: err.message, during: label }, 'ownership lost; dropping instance');
    else this.log.error({ err, during: label }, 'instance run failed; resetting it from MySQL');
    this.drop();
    this.ports.events.emit('dropped', { instanceId: this.id, epoch: this.epoch, release: !lost });
  }
}
