/**
 * In-memory fakes of a run's ports (run-ports.ts) for unit tests of InstanceRun: a store that
 * fences like MySQL does (a write under another epoch is OwnershipLostError), workers that
 * record the calls they get, a serial coordinator that answers what the test says, and a clock
 * whose timers fire only when the test advances it.
 */
import { assertTaskTransition, type TaskState } from '../../../../shared/domain/task-states.js';
import {
  assertWorkflowTransition,
  type WorkflowState,
} from '../../../../shared/domain/workflow-states.js';
import { ConflictError, OwnershipLostError } from '../../../../shared/errors.js';
import type { MemberInfo } from '../../../../shared/etcd/members.js';
import { createLogger } from '../../../../shared/log.js';
import type { RunTaskRequest } from '../../../../shared/proto/gen/baton/v1/RunTaskRequest.js';
import type { Admission, SerialDecisionKind } from '../../../../shared/serial/serial-values.js';
import type { WorkflowDefinitionSpec } from '../../../../shared/domain/workflow-spec.js';
import { RunEvents } from '../run-events.js';
import {
  bornState,
  type Clock,
  type GroupedAttempt,
  type InstancePatch,
  type LookupPort,
  type RunPorts,
  type RunStore,
  type SerialPort,
  type TaskBirth,
  type TaskGroupPort,
  type TaskPatch,
  type WorkerPort,
} from '../run-ports.js';
import type { TaskGroupDecision } from '../../../../shared/task-groups/task-group-values.js';
import type { TaskDecision } from '../task-decision.js';

export interface FakeTask {
  id: string;
  name: string;
  attempt: number;
  state: TaskState;
  worker: string | null;
  decision?: TaskDecision;
  outputs?: Record<string, string>;
  /** The reason of its latest change. */
  reason?: string;
}

export class FakeStore implements RunStore {
  epoch: bigint;
  state: WorkflowState;
  readonly tasks: FakeTask[] = [];
  readonly children = new Map<string, { state: string; endedAt: Date | null }>();
  readonly notes: string[] = [];
  /** Alert events queued with a write, as `EVENT@STATE` (the state the write left). */
  readonly alerts: string[] = [];
  /** Every accepted write, in order, as `instance:FROM->TO` or `task:name#attempt:FROM->TO`. */
  readonly writes: string[] = [];
  /** The row's pause record and start, as the run wrote them (what a new owner reads). */
  pausedAt: Date | null = null;
  pausedSpans: string | null = null;
  startedAt: Date | null = null;
  private nextId = 100;

  constructor(state: WorkflowState, epoch: bigint) {
    this.state = state;
    this.epoch = epoch;
  }

  private fence(epoch: bigint): void {
    if (epoch !== this.epoch)
      throw new OwnershipLostError(`owned at epoch ${this.epoch}, not ${epoch}`);
  }

  transitionInstance(
    _id: string,
    epoch: bigint,
    from: WorkflowState,
    to: WorkflowState,
    patch: InstancePatch = {},
  ): Promise<void> {
    assertWorkflowTransition(from, to);
    this.fence(epoch);
    if (this.state !== from) throw new ConflictError(`instance is ${this.state}, not ${from}`);
    this.state = to;
    if (patch.startedAt !== undefined) this.startedAt = patch.startedAt;
    if (patch.pausedAt !== undefined) this.pausedAt = patch.pausedAt;
    if (patch.pausedSpans !== undefined) this.pausedSpans = patch.pausedSpans;
    if (patch.alert !== undefined) this.alerts.push(`${patch.alert}@${to}`);
    this.writes.push(`instance:${from}->${to}`);
    return Promise.resolve();
  }

  insertTask(
    _id: string,
    epoch: bigint,
    task: { name: string; type: string; attempt: number },
    born?: TaskBirth,
  ): Promise<string> {
    this.fence(epoch);
    if (this.tasks.some((t) => t.name === task.name && t.attempt === task.attempt))
      throw new ConflictError(`${task.name} attempt ${task.attempt} exists`);
    const id = String((this.nextId += 1));
    const worker = born !== undefined && 'worker' in born ? born.worker : undefined;
    const state = bornState(born);
    this.tasks.push({ id, name: task.name, attempt: task.attempt, state, worker: worker ?? null });
    this.writes.push(`task:${task.name}#${task.attempt}:->${state}`);
    return Promise.resolve(id);
  }

  transitionTask(
    _id: string,
    epoch: bigint,
    ref: { id: string },
    from: TaskState,
    to: TaskState,
    patch: TaskPatch = {},
    reason = '',
  ): Promise<void> {
    assertTaskTransition(from, to);
    this.fence(epoch);
    const task = this.tasks.find((t) => t.id === ref.id);
    if (task?.state !== from) throw new ConflictError(`task ${ref.id} is not ${from}`);
    task.state = to;
    if (patch.decision !== undefined) task.decision = patch.decision;
    if (patch.outputs !== undefined) task.outputs = patch.outputs;
    task.reason = reason;
    this.writes.push(`task:${task.name}#${task.attempt}:${from}->${to}`);
    return Promise.resolve();
  }

  createChild(
    parentId: string,
    epoch: bigint,
    _child: unknown,
    task: { name: string; attempt: number },
  ): Promise<string> {
    this.fence(epoch);
    const id = `child-of-${parentId}-${task.name}-${task.attempt}`;
    if (!this.children.has(id)) this.children.set(id, { state: 'SUBMITTED', endedAt: null });
    return Promise.resolve(id);
  }

  note(
    _id: string,
    epoch: bigint,
    state: string,
    reason: string,
    _task?: unknown,
    alert?: string,
  ): Promise<void> {
    this.fence(epoch);
    this.notes.push(reason);
    if (alert !== undefined) this.alerts.push(`${alert}@${state}`);
    return Promise.resolve();
  }

  instanceOutcome(id: string): Promise<{ state: string; endedAt: Date | null } | undefined> {
    return Promise.resolve(this.children.get(id));
  }

  task(name: string, attempt = 1): FakeTask | undefined {
    return this.tasks.find((t) => t.name === name && t.attempt === attempt);
  }
}

export const worker = (name: string, startedAt = 't0'): MemberInfo =>
  ({ name, address: `${name}:1`, role: 'worker', startedAt, group: 'default' }) as MemberInfo;

export class FakeWorkers implements WorkerPort {
  readonly live = new Map<string, MemberInfo>();
  readonly runs: RunTaskRequest[] = [];
  readonly kills: string[] = [];
  /** When set, RunTask fails with it. */
  failWith: Error | undefined;

  constructor(...members: MemberInfo[]) {
    for (const m of members) this.live.set(m.name, m);
  }

  pick(): MemberInfo | undefined {
    return [...this.live.values()][0];
  }
  get(name: string): MemberInfo | undefined {
    return this.live.get(name);
  }
  noteDispatched(): void {}
  noteFinished(): void {}
  runTask(_worker: MemberInfo, request: RunTaskRequest) {
    this.runs.push(request);
    if (this.failWith !== undefined) return Promise.reject(this.failWith);
    return Promise.resolve({ started_at: '', pid: 1, already_known: false, state: 'RUNNING' });
  }
  killTask(_worker: MemberInfo, request: { task_instance_id?: string }) {
    this.kills.push(request.task_instance_id ?? '');
    return Promise.resolve({ known: true });
  }
}

export class FakeSerial implements SerialPort {
  decision: SerialDecisionKind = 'ADMITTED';
  readonly calls: string[] = [];
  /** Errors the next enqueue calls fail with, in turn (a coordinator that does not answer). */
  readonly failures: Error[] = [];
  enqueue(): Promise<SerialDecisionKind> {
    const failure = this.failures.shift();
    if (failure !== undefined) {
      this.calls.push(`enqueue:failed`);
      return Promise.reject(failure);
    }
    this.calls.push(`enqueue:${this.decision}`);
    return Promise.resolve(this.decision);
  }
  release(_workflow: string, id: string): void {
    this.calls.push(`release:${id}`);
  }
  remove(_workflow: string, who: Admission): Promise<void> {
    this.calls.push(`remove:${who.instanceId}`);
    return Promise.resolve();
  }
  updateHolder(_workflow: string, who: Admission): void {
    this.calls.push(`update-holder:${who.instanceId}`);
  }
  watch(_workflow: string, who: Admission): void {
    this.calls.push(`watch:${who.instanceId}`);
  }
  unwatch(): void {}
}

/** The task-group coordinator: answers `decision`; records acquires and releases. */
export class FakeTaskGroups implements TaskGroupPort {
  decision: TaskGroupDecision = 'ADMITTED';
  readonly calls: string[] = [];
  acquire(a: GroupedAttempt): Promise<TaskGroupDecision> {
    this.calls.push(`acquire:${a.group}:${a.task}#${a.attempt}:${this.decision}`);
    return Promise.resolve(this.decision);
  }
  release(a: GroupedAttempt): void {
    this.calls.push(`release:${a.group}:${a.task}#${a.attempt}`);
  }
}

/** A clock that moves only when told to, firing due timers in order. */
export class ManualClock implements Clock {
  private time = Date.parse('2026-01-01T00:00:00Z');
  private readonly timers: { at: number; fire: () => void; id: number }[] = [];
  private nextId = 0;

  now(): number {
    return this.time;
  }
  setTimer(fire: () => void, delayMs: number): unknown {
    const id = (this.nextId += 1);
    this.timers.push({ at: this.time + delayMs, fire, id });
    return id;
  }
  clearTimer(timer: unknown): void {
    const i = this.timers.findIndex((t) => t.id === timer);
    if (i >= 0) this.timers.splice(i, 1);
  }
  advance(ms: number): void {
    this.time += ms;
    for (;;) {
      const due = this.timers
        .filter((t) => t.at <= this.time)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) return;
      this.clearTimer(due.id);
      due.fire();
    }
  }
}

export interface Fakes {
  ports: RunPorts;
  store: FakeStore;
  workers: FakeWorkers;
  serial: FakeSerial;
  taskGroups: FakeTaskGroups;
  clock: ManualClock;
  submitted: string[];
  stopped: string[];
  /** Children recovered in place, as `<id><<belowRound>`. */
  recovered: string[];
  /** Children asked to pause, and to resume. */
  pausedChildren: string[];
  resumedChildren: string[];
  /** The next this many child pause/resume calls fail (as a MySQL outage would). */
  childPauseFailures: { left: number };
  /** What the run published, in order: `ended:<id>` / `dropped:<id>:<release>`. */
  published: string[];
  lookups: FakeLookups;
}

/** Other instances as logic tasks read them: set by the test. */
export class FakeLookups implements LookupPort {
  readonly childTasks = new Map<string, Record<string, string>[]>();
  /** `${workflow}/${task ?? ''}` -> what the newest run in any window says. */
  readonly upstream = new Map<string, { state: string | undefined; instanceEnded: boolean }>();
  readonly asked: { workflow: string; task: string | null; from: Date; to: Date }[] = [];

  childOutputs(childId: string): Promise<Record<string, string>[]> {
    return Promise.resolve(this.childTasks.get(childId) ?? []);
  }

  upstreamRun(
    workflow: string,
    task: string | null,
    window: { from: Date; to: Date },
  ): Promise<{ state: string | undefined; instanceEnded: boolean } | undefined> {
    this.asked.push({ workflow, task, ...window });
    return Promise.resolve(this.upstream.get(`${workflow}/${task ?? ''}`));
  }
}

export function fakePorts(
  state: WorkflowState,
  epoch: bigint,
  childSpec?: WorkflowDefinitionSpec,
): Fakes {
  const store = new FakeStore(state, epoch);
  const workers = new FakeWorkers(worker('w1'));
  const serial = new FakeSerial();
  const clock = new ManualClock();
  const events = new RunEvents();
  const published: string[] = [];
  events.on('ended', (e) => published.push(`ended:${e.instanceId}`));
  events.on('dropped', (e) => published.push(`dropped:${e.instanceId}:${e.release}`));
  const submitted: string[] = [];
  const stopped: string[] = [];
  const recovered: string[] = [];
  const pausedChildren: string[] = [];
  const resumedChildren: string[] = [];
  const childPauseFailures = { left: 0 };
  const lookups = new FakeLookups();
  const taskGroups = new FakeTaskGroups();
  const ports: RunPorts = {
    self: { name: 'master-test', address: 'master-test:1' },
    store,
    workers,
    serial,
    taskGroups,
    children: {
      latestDefinition: () =>
        childSpec === undefined
          ? Promise.reject(new Error('no child definition in this test'))
          : Promise.resolve({ version: 1, spec: childSpec }),
      submit: (id) => void submitted.push(id),
      stop: (id) => {
        stopped.push(id);
        return Promise.resolve();
      },
      pause: (id, paused) => {
        if (childPauseFailures.left > 0) {
          childPauseFailures.left -= 1;
          return Promise.reject(new Error('database unavailable'));
        }
        (paused ? pausedChildren : resumedChildren).push(id);
        return Promise.resolve();
      },
      recover: (id, belowRound) => {
        recovered.push(`${id}<${belowRound}`);
        return Promise.resolve();
      },
    },
    lookups,
    clock,
    events,
    log: createLogger('master', 'master-test', 'silent'),
  };
  return {
    ports,
    store,
    workers,
    serial,
    taskGroups,
    clock,
    submitted,
    stopped,
    recovered,
    pausedChildren,
    resumedChildren,
    childPauseFailures,
    published,
    lookups,
  };
}
