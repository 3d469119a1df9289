/**
 * What an owned instance's run needs from the master around it, as small interfaces (ports):
 * the fenced store, the workers, the serial coordinator, child instances and the clock. The
 * master wires real implementations in main.ts; unit tests wire fakes (run/testing/).
 */
import type { MemberInfo } from '../../../shared/etcd/members.js';
import type { TaskState } from '../../../shared/domain/task-states.js';
import type { AlertEvent, WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import type { WorkflowState } from '../../../shared/domain/workflow-states.js';
import type { Logger } from '../../../shared/log.js';
import type { KillTaskRequest } from '../../../shared/proto/gen/baton/v1/KillTaskRequest.js';
import type { KillTaskResponse__Output } from '../../../shared/proto/gen/baton/v1/KillTaskResponse.js';
import type { RunTaskRequest } from '../../../shared/proto/gen/baton/v1/RunTaskRequest.js';
import type { RunTaskResponse__Output } from '../../../shared/proto/gen/baton/v1/RunTaskResponse.js';
import type { Admission, SerialDecisionKind } from '../../../shared/serial/serial-values.js';
import type { TaskGroupDecision } from '../../../shared/task-groups/task-group-values.js';
import type { RunEvents } from './run-events.js';
import type { TaskDecision } from './task-decision.js';

export interface TaskRef {
  id: string;
  name: string;
  attempt: number;
}

/** What an instance's state change writes besides the state (see migration 0010). */
export interface InstancePatch {
  startedAt?: Date;
  endedAt?: Date;
  /** When the pause committed; null clears it at the resume. */
  pausedAt?: Date | null;
  /** The stored pauses that ended (pause-clock.ts), written at the resume. */
  pausedSpans?: string;
  /**
   * An alert event this change causes, queued in the alert outbox in the same transaction
   * (set only when the definition's `alerts.on` names it: see alertFor).
   */
  alert?: AlertEvent;
}

export interface TaskPatch {
  worker?: string;
  childInstanceId?: string;
  startedAt?: Date;
  endedAt?: Date;
  exitCode?: number | null;
  /** OUT params of the attempt (on SUCCESS). */
  outputs?: Record<string, string>;
  /** A CONDITIONS/SWITCH decision (on SUCCESS), as stored JSON. */
  decision?: TaskDecision;
}

/**
 * How an attempt is born: SUBMITTED (nothing), DISPATCHED to a worker, SKIPPED, or
 * WAITING_GROUP (a grouped task: it waits for a slot of its task group before any dispatch).
 */
export type TaskBirth =
  { worker: string } | { skipped: string } | { waitingGroup: string } | undefined;

/** The state an attempt is born in (see TaskBirth). */
export function bornState(born: TaskBirth): TaskState {
  if (born === undefined) return 'SUBMITTED';
  if ('skipped' in born) return 'SKIPPED';
  if ('waitingGroup' in born) return 'WAITING_GROUP';
  return 'DISPATCHED';
}

export interface ChildSpec {
  workflow: string;
  version: number;
  executionType: string;
  params: Record<string, string>;
}

/**
 * The fenced writes a run makes (each `WHERE owner_epoch = epoch`) and the one read it needs.
 * Every write throws OwnershipLostError when another epoch owns the instance, ConflictError when
 * the row was not in the expected state.
 */
export interface RunStore {
  transitionInstance(
    instanceId: string,
    epoch: bigint,
    from: WorkflowState,
    to: WorkflowState,
    patch: InstancePatch,
    reason: string,
  ): Promise<void>;
  /** Inserts an attempt, SUBMITTED, already DISPATCHED or SKIPPED (see TaskBirth); its id. */
  insertTask(
    instanceId: string,
    epoch: bigint,
    task: { name: string; type: string; attempt: number },
    born?: TaskBirth,
  ): Promise<string>;
  transitionTask(
    instanceId: string,
    epoch: bigint,
    task: TaskRef,
    from: TaskState,
    to: TaskState,
    patch: TaskPatch,
    reason: string,
  ): Promise<void>;
  /** Creates (or finds) the one child of (parent, task, attempt); returns its id. */
  createChild(
    parentId: string,
    epoch: bigint,
    child: ChildSpec,
    task: { name: string; attempt: number },
  ): Promise<string>;
  /** A history entry that is not a state change (a timeout warning), and its alert if any. */
  note(
    instanceId: string,
    epoch: bigint,
    state: string,
    reason: string,
    task?: TaskRef,
    alert?: AlertEvent,
  ): Promise<void>;
  /** A child instance's state and end time, undefined when it does not exist. */
  instanceOutcome(instanceId: string): Promise<{ state: string; endedAt: Date | null } | undefined>;
}

/** Reads the logic tasks make of other instances (never fenced: they change nothing). */
export interface LookupPort {
  /**
   * The OUT params of a child instance's tasks (each task's newest successful attempt), in
   * the order the attempts ended: later ones win when names repeat.
   */
  childOutputs(childId: string): Promise<Record<string, string>[]>;
  /**
   * A DEPENDENT item: the newest instance of `workflow` whose schedule time is in
   * [from, to), or that instance's newest attempt of `task`: its state, undefined when there
   * is none, and whether the instance has ended.
   */
  upstreamRun(
    workflow: string,
    task: string | null,
    window: { from: Date; to: Date },
  ): Promise<{ state: string | undefined; instanceEnded: boolean } | undefined>;
}

/** The live workers of the cluster and the two calls a run makes to them. */
export interface WorkerPort {
  /** The least loaded live worker of `group`, or undefined when there is none. */
  pick(group: string): MemberInfo | undefined;
  /** The live incarnation registered under `name`, if any. */
  get(name: string): MemberInfo | undefined;
  noteDispatched(worker: string): void;
  noteFinished(worker: string | null): void;
  runTask(worker: MemberInfo, request: RunTaskRequest): Promise<RunTaskResponse__Output>;
  killTask(worker: MemberInfo, request: KillTaskRequest): Promise<KillTaskResponse__Output>;
}

/**
 * The serial coordinator, as a run of a serial definition sees it. A waiting instance is named
 * by its admission: the queue ticket of its current round (shared/instances/queue-ticket.ts).
 */
export interface SerialPort {
  /** Asks to run (idempotent: asking again returns the current decision). */
  enqueue(
    workflow: string,
    admission: Admission,
    executionType: string,
    epoch: bigint,
  ): Promise<SerialDecisionKind>;
  /** The holder ended (its terminal state is committed): free the slot. Fire and forget. */
  release(workflow: string, instanceId: string): void;
  /** A waiting instance is stopped: out of the queue. Best effort. */
  remove(workflow: string, admission: Admission): Promise<void>;
  /** After a take-over the slot records the new owner and epoch. Fire and forget. */
  updateHolder(workflow: string, admission: Admission, epoch: bigint): void;
  /** Watches the slot for a decision about this waiting admission (the push's backup). */
  watch(workflow: string, admission: Admission): void;
  unwatch(workflow: string, instanceId: string): void;
}

/** One attempt of a grouped task, as the task-group coordinator knows it (by the attempt). */
export interface GroupedAttempt {
  group: string;
  instanceId: string;
  taskInstanceId: string;
  task: string;
  attempt: number;
  priority: number;
  epoch: bigint;
}

/** The task-group coordinator, as a run sees it. */
export interface TaskGroupPort {
  /**
   * Asks for a slot (idempotent by the attempt): ADMITTED (it holds one) or QUEUED (the push,
   * or the run's reconcile asking again, says when it is admitted).
   */
  acquire(attempt: GroupedAttempt): Promise<TaskGroupDecision>;
  /** The attempt's end is committed (or it left the queue): free its slot. Fire and forget. */
  release(attempt: GroupedAttempt): void;
}

/** Child instances of SUB_WORKFLOW tasks: their definitions, their start, their stop. */
export interface ChildPort {
  /** The newest version of a definition. @throws NotFoundError */
  latestDefinition(workflow: string): Promise<{ version: number; spec: WorkflowDefinitionSpec }>;
  /** Hands a created child to a master. Fire and forget: reconcilers back it up. */
  submit(childId: string, workflow: string): void;
  /** Records a stop request for the child and tells its owner. */
  stop(childId: string, reason: string): Promise<void>;
  /**
   * Carries an ended (FAILURE or STOP) child on in place, in a new round, and hands it to a
   * master, unless its round is already `belowRound` or more (it was carried on for this
   * attempt already); a child not ended so is left as it is. See reopenChild.
   */
  recover(childId: string, belowRound: number, reason: string): Promise<void>;
  /** Records a pause (or, `paused` false, its end) for the child and tells its owner. */
  pause(childId: string, paused: boolean): Promise<void>;
}

/** Time, and timers on it: the real clock in the master, a hand-driven one in unit tests. */
export interface Clock {
  now(): number;
  setTimer(fire: () => void, delayMs: number): unknown;
  clearTimer(timer: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fire, delayMs) => setTimeout(fire, delayMs),
  clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/** Everything a run uses of the master around it. */
export interface RunPorts {
  readonly self: { name: string; address: string };
  readonly store: RunStore;
  readonly workers: WorkerPort;
  readonly serial: SerialPort;
  readonly taskGroups: TaskGroupPort;
  readonly children: ChildPort;
  readonly lookups: LookupPort;
  readonly clock: Clock;
  /** Where a run says it ended or was dropped; ownership listens. */
  readonly events: RunEvents;
  readonly log: Logger;
}
