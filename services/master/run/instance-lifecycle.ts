import {
  ATTR,
  inSpan,
  SpanStatusCode,
  type Attributes,
} from '../../../shared/telemetry/tracing.js';
import type { InstanceRow } from '../../../shared/db/schema.js';
import type { AlertEvent, WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import { isWorkflowState, type WorkflowState } from '../../../shared/domain/workflow-states.js';
import { InternalError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/log.js';
import { racePoint } from '../../../shared/race-points.js';
import type { TaskProgress } from './dag-planner.js';
import { alertFor, endAlert } from './alert-for.js';
import { activeMs, parsePauseSpans, withPause, type PauseSpan } from './pause-clock.js';
import type { InstancePatch, RunPorts } from './run-ports.js';
import { endReason, type EndState } from './run-summary.js';

/** The instance a lifecycle belongs to. */
export interface LifecycleOwner {
  readonly id: string;
  readonly epoch: bigint;
  readonly workflow: string;
  readonly spec: WorkflowDefinitionSpec;
  readonly parentId: string | null;
  readonly serial: boolean;
  readonly spanAttributes: Attributes;
  readonly log: Logger;
}

/**
 * The instance's own state, with the one setter that changes it (fenced, checked against the
 * workflow state table, recorded), and the end: the terminal commit, then — only then — the
 * `ended` event and the serial slot's release.
 */
export class InstanceLifecycle {
  private current: WorkflowState;
  private started: Date | null;
  private stopWhy: string | null;
  /** When the current pause committed (null: not paused), and the pauses that ended. */
  private pausedSince: Date | null;
  private spans: PauseSpan[];
  private readonly backfillId: string | null;

  constructor(
    row: InstanceRow,
    private readonly owner: LifecycleOwner,
    private readonly ports: RunPorts,
  ) {
    if (!isWorkflowState(row.state))
      throw new InternalError(`instance ${row.id} has unknown state ${row.state}`);
    this.current = row.state;
    this.started = row.started_at;
    this.stopWhy = row.stop_requested === 1 ? (row.stop_reason ?? 'stop requested') : null;
    this.pausedSince = row.paused_at;
    this.spans = parsePauseSpans(row.paused_spans);
    this.backfillId = row.backfill_id;
  }

  get state(): WorkflowState {
    return this.current;
  }

  get startedAt(): Date | null {
    return this.started;
  }

  /** Why the instance is stopping or was asked to stop; null when it was not. */
  get stopReason(): string | null {
    return this.stopWhy;
  }

  /** Keeps the first reason given. */
  noteStopRequested(reason: string): string {
    this.stopWhy ??= reason;
    return this.stopWhy;
  }

  get waiting(): boolean {
    return this.current === 'SUBMITTED' || this.current === 'SERIAL_WAIT';
  }

  /**
   * Milliseconds since `from` that count for timers: not paused (pause-clock.ts). The pause in
   * progress, if any, counts as paused up to now.
   */
  activeSince(from: number): number {
    const now = this.ports.clock.now();
    const spans =
      this.pausedSince === null
        ? this.spans
        : [...this.spans, [this.pausedSince.getTime(), now] as const];
    return activeMs(spans, from, now);
  }

  /** The pauses that ended, for the planner's retry intervals. */
  get pauses(): readonly PauseSpan[] {
    return this.spans;
  }

  /** The one setter of the instance's state. */
  async set(to: WorkflowState, patch: InstancePatch, reason: string): Promise<void> {
    const { id, epoch, spec } = this.owner;
    const alert = alertFor(spec, patch.alert ?? endAlert(to));
    const write = { ...patch, alert };
    await this.ports.store.transitionInstance(id, epoch, this.current, to, write, reason);
    this.current = to;
    if (patch.startedAt !== undefined) this.started = patch.startedAt;
    if (patch.pausedAt !== undefined) this.pausedSince = patch.pausedAt;
    if (patch.pausedSpans !== undefined) this.spans = parsePauseSpans(patch.pausedSpans);
  }

  /** RUNNING -> READY_PAUSE, recording when: timers stop counting from this commit. */
  async toReadyPause(): Promise<void> {
    await this.set(
      'READY_PAUSE',
      { pausedAt: new Date(this.ports.clock.now()) },
      'pause requested',
    );
  }

  /** READY_PAUSE|PAUSE -> RUNNING: the pause joins the ended ones, timers count again. */
  async toResumed(): Promise<void> {
    const now = this.ports.clock.now();
    // A pause committed before migration 0010 has no start: it counts as not paused.
    const from = this.pausedSince?.getTime() ?? now;
    await this.set(
      'RUNNING',
      { pausedAt: null, pausedSpans: withPause(this.spans, from, now) },
      'resumed',
    );
  }

  async toRunning(): Promise<void> {
    await this.set('RUNNING', { startedAt: new Date(this.ports.clock.now()) }, 'started');
  }

  /** RUNNING|... -> READY_STOP; `alert` is the event that caused it (TIMEOUT), if any. */
  async toReadyStop(reason: string, alert?: AlertEvent): Promise<void> {
    await this.set('READY_STOP', alert === undefined ? {} : { alert }, reason);
    this.stopWhy = reason;
  }

  /**
   * Commits the terminal state. Returns whether the instance held its serial slot, which
   * `announceEnd` must release once the run has stopped acting.
   */
  commitEnd(to: EndState, tasks: { progress(): Map<string, TaskProgress> }): Promise<boolean> {
    const { owner } = this;
    return inSpan(
      'baton.instance.end',
      { attributes: { ...owner.spanAttributes, [ATTR.state]: to } },
      async (span) => {
        if (to === 'FAILURE') span.setStatus({ code: SpanStatusCode.ERROR, message: to });
        const from = this.current;
        const heldSlot = owner.serial && (from === 'RUNNING' || from === 'READY_STOP');
        if (heldSlot) await racePoint('serial.before-terminal-commit', owner.id);
        const endedAt = new Date(this.ports.clock.now());
        await this.set(to, { endedAt }, endReason(to, owner.spec, tasks.progress(), this.stopWhy));
        return heldSlot;
      },
    );
  }

  /** After the terminal commit: tell ownership, then free the serial slot if it was held. */
  async announceEnd(to: EndState, heldSlot: boolean): Promise<void> {
    const { owner, ports } = this;
    ports.serial.unwatch(owner.workflow, owner.id);
    owner.log.info({ state: to }, 'instance ended');
    ports.events.emit('ended', {
      instanceId: owner.id,
      epoch: owner.epoch,
      parentId: owner.parentId,
      backfillId: this.backfillId,
    });
    if (!heldSlot) return;
    // Only now, with the terminal state committed, may the slot pass to the next instance.
    await racePoint('serial.before-release', owner.id);
    ports.serial.release(owner.workflow, owner.id);
  }
}
