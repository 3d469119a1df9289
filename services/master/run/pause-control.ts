import type { WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import type { Logger } from '../../../shared/log.js';
import { racePoint } from '../../../shared/race-points.js';
import type { InstanceLifecycle } from './instance-lifecycle.js';
import type { RunPorts } from './run-ports.js';
import type { RunTimers } from './run-timers.js';
import type { TaskRecords } from './task-records.js';

/** Timers a pause suspends (retries, DEPENDENT checks, the workflow timeout), by key prefix. */
const SUSPENDED_TIMERS = ['retry:', 'dependent-check:', 'workflow-timeout'];

/** Whether a timer of this key waits while the instance is paused (task timeouts do not). */
export function isSuspendedWhilePaused(key: string): boolean {
  return SUSPENDED_TIMERS.some((prefix) => key.startsWith(prefix));
}

/** The run a pause belongs to. */
export interface PauseHost {
  readonly id: string;
  readonly workflow: string;
  readonly epoch: bigint;
  readonly parentId: string | null;
  readonly spec: WorkflowDefinitionSpec;
  readonly log: Logger;
  readonly tasks: TaskRecords;
  armWorkflowTimeout(): void;
}

/**
 * Pause and resume of an owned instance. RUNNING -> READY_PAUSE on a pause request: running
 * tasks go on (none is killed), the planner starts nothing, retries, DEPENDENT checks and the
 * workflow timeout are suspended, running children are asked to pause; PAUSE once nothing
 * runs (a child that paused, or a DEPENDENT task waiting, does not count as running). A resume
 * goes back to RUNNING, re-arms the workflow timeout with the time that was left (the pause is
 * recorded on the row, so a new owner knows it too) and resumes the children. The instance stays owned (and keeps its serial slot) all along.
 */
export class PauseControl {
  /** Telling a child failed: the reconciler tells the children again (resyncChildren). */
  private childSyncPending = false;

  constructor(
    private readonly host: PauseHost,
    private readonly life: InstanceLifecycle,
    private readonly timers: RunTimers,
    private readonly ports: RunPorts,
  ) {}

  /** Brings the state in line with the recorded request; what it did, if anything. */
  async apply(pauseRequested: boolean): Promise<'paused' | 'resumed' | undefined> {
    const { state } = this.life;
    if (pauseRequested && state === 'RUNNING') {
      await racePoint('master.pause.before-commit', this.host.id, this.host.workflow);
      await this.life.toReadyPause();
      await racePoint('master.pause.after-commit', this.host.id, this.host.workflow);
      this.suspendTimers();
      this.tellChildren(true);
      return 'paused';
    }
    if (!pauseRequested && (state === 'PAUSE' || state === 'READY_PAUSE')) {
      await racePoint('master.resume.before-commit', this.host.id, this.host.workflow);
      await this.life.toResumed();
      await racePoint('master.resume.after-commit', this.host.id, this.host.workflow);
      this.host.armWorkflowTimeout();
      this.tellChildren(false);
      return 'resumed';
    }
    return undefined;
  }

  /**
   * After an adoption where `apply` had nothing to do: the children follow the parent's state
   * as MySQL has it. The earlier owner may have died between its pause or resume commit and
   * telling the children, which would leave a child running under a paused parent, or paused
   * for good under a running one. Telling a child what it already is writes nothing.
   */
  syncChildren(): void {
    this.childSyncPending = false;
    const { state } = this.life;
    if (state === 'RUNNING') this.tellChildren(false);
    else if (state === 'READY_PAUSE' || state === 'PAUSE') this.tellChildren(true);
  }

  /**
   * The reconciler: when telling a child failed (the request could not be recorded), tell the
   * children again; a lost push after a recorded request is the child's own reconciler's.
   */
  resyncChildren(): void {
    if (this.childSyncPending) this.syncChildren();
  }

  /** READY_PAUSE -> PAUSE: nothing runs any more. */
  async paused(): Promise<void> {
    await this.life.set('PAUSE', {}, 'paused: nothing runs');
    const { id, epoch, parentId } = this.host;
    this.ports.events.emit('paused', { instanceId: id, epoch, parentId });
  }

  /**
   * Active tasks that no longer run for the pause: SUB_WORKFLOW tasks whose child is PAUSE (or
   * has ended: its report is on its way) and DEPENDENT tasks, whose checks wait.
   */
  async pausedChildTasks(): Promise<Set<string>> {
    const out = new Set<string>();
    for (const task of this.host.tasks.all()) {
      if (task.state !== 'RUNNING') continue;
      if (task.def.type === 'DEPENDENT') out.add(task.def.name);
      if (task.def.type !== 'SUB_WORKFLOW' || task.childId === null) continue;
      const child = await this.ports.store.instanceOutcome(task.childId);
      if (child?.state === 'PAUSE') out.add(task.def.name);
    }
    return out;
  }

  /** Their time left is not kept here: it is the row's pause record (pause-clock.ts). */
  private suspendTimers(): void {
    this.timers.clearWhere(isSuspendedWhilePaused);
  }

  private tellChildren(pause: boolean): void {
    for (const task of this.host.tasks.all()) {
      const childId = task.childId;
      if (task.def.type !== 'SUB_WORKFLOW' || task.state !== 'RUNNING' || childId === null)
        continue;
      this.ports.children.pause(childId, pause).catch((err: unknown) => {
        // A refused pause (the child ended) is answered without an error; this is a failure.
        this.childSyncPending = true;
        this.host.log.warn(
          { child: childId, err: String(err) },
          'telling a child to pause/resume failed; the reconciler tells it again',
        );
      });
    }
  }
}
