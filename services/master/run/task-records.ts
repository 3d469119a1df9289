import type { TaskState } from '../../../shared/domain/task-states.js';
import { isActiveTaskState } from '../../../shared/domain/task-states.js';
import type { MemberInfo } from '../../../shared/etcd/members.js';
import type { TaskDefinition } from '../../../shared/domain/workflow-spec.js';
import type { TaskProgress } from './dag-planner.js';
import { newAttempt, progressOf, taskRef, type TaskRun } from './run-model.js';
import type {
  GroupedAttempt,
  RunStore,
  TaskGroupPort,
  TaskPatch,
  WorkerPort,
} from './run-ports.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function timeoutKey(task: TaskRun): string {
  return `task-timeout:${task.def.name}`;
}

export function redispatchKey(task: TaskRun): string {
  return `redispatch:${task.def.name}`;
}

/** A DEPENDENT task's next look at its upstream runs. */
export function dependentCheckKey(task: TaskRun): string {
  return `dependent-check:${task.def.name}`;
}

/** The instance a run's task records belong to, and its timers. */
export interface RecordsOwner {
  readonly id: string;
  readonly epoch: bigint;
  /** The instance's round: new attempts are made in it (the store copies it from the row). */
  readonly round: number;
  /** Tasks a `recover --from` runs again in this round even though they succeeded. */
  readonly rerun: ReadonlySet<string>;
  clearTimer(key: string): void;
}

/**
 * The newest attempt of each task of one instance, and the one place that changes them: every
 * state change is the fenced store write first, then the mirror in memory (so memory is never
 * ahead of MySQL), checked against the task state table by the store.
 */
export class TaskRecords {
  private readonly byName: Map<string, Mutable<TaskRun>>;

  constructor(
    private readonly owner: RecordsOwner,
    private readonly store: RunStore,
    private readonly workers: WorkerPort,
    private readonly groups: TaskGroupPort,
    initial: ReadonlyMap<string, TaskRun>,
  ) {
    this.byName = new Map(initial);
  }

  get(name: string): TaskRun | undefined {
    return this.byName.get(name);
  }

  all(): TaskRun[] {
    return [...this.byName.values()];
  }

  byId(taskInstanceId: string): TaskRun | undefined {
    return this.all().find((t) => t.id === taskInstanceId);
  }

  byChild(childId: string): TaskRun | undefined {
    return this.all().find((t) => t.childId === childId);
  }

  /** True while `task` is still the newest attempt of its task. */
  isNewest(task: TaskRun): boolean {
    return this.byName.get(task.def.name) === task;
  }

  /** What the planner needs, by task name. */
  progress(): Map<string, TaskProgress> {
    return new Map(
      [...this.byName].map(([name, task]) => [
        name,
        progressOf(task, this.owner.round, this.owner.rerun),
      ]),
    );
  }

  /** Inserts attempt `attempt` of `def` (already DISPATCHED when a worker is given). */
  async insert(def: TaskDefinition, attempt: number, worker?: MemberInfo): Promise<TaskRun> {
    const { id: instanceId, epoch } = this.owner;
    const id = await this.store.insertTask(
      instanceId,
      epoch,
      { name: def.name, type: def.type, attempt },
      worker === undefined ? undefined : { worker: worker.name },
    );
    const task = newAttempt(
      def,
      id,
      attempt,
      this.byName.get(def.name),
      this.owner.round,
      worker?.name,
    );
    this.byName.set(def.name, task);
    return task;
  }

  /** Inserts attempt `attempt` of a grouped task: WAITING_GROUP, until it holds a slot. */
  async insertWaiting(def: TaskDefinition, attempt: number): Promise<TaskRun> {
    const { id: instanceId, epoch } = this.owner;
    const id = await this.store.insertTask(
      instanceId,
      epoch,
      { name: def.name, type: def.type, attempt },
      { waitingGroup: def.taskGroup ?? '' },
    );
    const task = this.mutable(
      newAttempt(def, id, attempt, this.byName.get(def.name), this.owner.round),
    );
    task.state = 'WAITING_GROUP';
    this.byName.set(def.name, task);
    return task;
  }

  /** The attempt as its task group's coordinator knows it; undefined for an ungrouped task. */
  grouped(task: TaskRun): GroupedAttempt | undefined {
    const { taskGroup, taskGroupPriority, name } = task.def;
    if (taskGroup === null) return undefined;
    return {
      group: taskGroup,
      instanceId: this.owner.id,
      taskInstanceId: task.id,
      task: name,
      attempt: task.attempt,
      priority: taskGroupPriority,
      epoch: this.owner.epoch,
    };
  }

  /** Records that `def` will not run (a branch not taken): one SKIPPED attempt. */
  async skip(def: TaskDefinition, reason: string): Promise<void> {
    const { id: instanceId, epoch } = this.owner;
    const attempt = (this.byName.get(def.name)?.attempt ?? 0) + 1;
    const id = await this.store.insertTask(
      instanceId,
      epoch,
      { name: def.name, type: def.type, attempt },
      { skipped: reason },
    );
    const task = this.mutable(
      newAttempt(def, id, attempt, this.byName.get(def.name), this.owner.round),
    );
    task.state = 'SKIPPED';
    this.byName.set(def.name, task);
  }

  /** Moves an attempt to `to` (fenced, recorded), then mirrors it in memory. */
  async transition(task: TaskRun, to: TaskState, patch: TaskPatch, reason: string): Promise<void> {
    const from = task.state;
    const { id, epoch } = this.owner;
    await this.store.transitionTask(id, epoch, taskRef(task), from, to, patch, reason);
    const record = this.mutable(task);
    record.state = to;
    if (patch.worker !== undefined) record.worker = patch.worker;
    if (patch.childInstanceId !== undefined) record.childId = patch.childInstanceId;
    if (patch.startedAt !== undefined) record.startedAt = patch.startedAt;
    if (patch.endedAt !== undefined) record.endedAt = patch.endedAt;
    if (patch.outputs !== undefined) record.outputs = patch.outputs;
    if (patch.decision !== undefined) record.decision = patch.decision;
    if (to === 'FAILURE') record.failures += 1;
    if (!isActiveTaskState(to)) {
      this.owner.clearTimer(timeoutKey(task));
      this.owner.clearTimer(redispatchKey(task));
      this.owner.clearTimer(dependentCheckKey(task));
      if (task.def.type === 'SHELL' && (from === 'DISPATCHED' || from === 'RUNNING'))
        this.workers.noteFinished(task.worker);
      // Only now, with the attempt's end committed, may its slot pass to another attempt.
      const grouped = this.grouped(task);
      if (grouped !== undefined && isActiveTaskState(from)) this.groups.release(grouped);
    }
  }

  /** The attempt was (re)sent to this incarnation of its worker. */
  sentTo(task: TaskRun, worker: MemberInfo): void {
    this.mutable(task).workerStartedAt = worker.startedAt;
  }

  /** A RunTask for the attempt was sent (true) or has been answered either way (false). */
  sending(task: TaskRun, inFlight: boolean): void {
    this.mutable(task).sending = inFlight;
  }

  /** The worker confirmed it runs the attempt. */
  confirmed(task: TaskRun): void {
    this.mutable(task).dispatchConfirmed = true;
  }

  /** Marks a kill as asked for; false when it already was (a kill is sent once). */
  requestKill(task: TaskRun): boolean {
    if (task.killRequested) return false;
    this.mutable(task).killRequested = true;
    return true;
  }

  /** The master's own timeout fired for the attempt. */
  timedOut(task: TaskRun): void {
    this.mutable(task).timedOut = true;
  }

  private mutable(task: TaskRun): Mutable<TaskRun> {
    // The records in the map are the same objects handed out read-only (readonly is a
    // compile-time view: only this class writes through it).
    return task;
  }
}
