import { assertNever } from '../../../shared/assert-never.js';
import { formatDuration } from '../../../shared/domain/duration.js';
import { isActiveTaskState } from '../../../shared/domain/task-states.js';
import type { MemberInfo } from '../../../shared/etcd/members.js';
import type { PlanAction } from './dag-planner.js';
import { ChildTasks } from './child-task.js';
import type { RunHandle } from './run-handle.js';
import { taskRef, type TaskRun } from './run-model.js';
import type { RunPorts } from './run-ports.js';
import type { EndState } from './run-summary.js';
import { ShellTasks } from './shell-task.js';
import { dependentCheckKey, timeoutKey } from './task-records.js';
import { DecisionTasks } from './decision-tasks.js';
import { DependentTasks } from './dependent-task.js';

/**
 * What an instance run does to its tasks, by task type. Every method runs inside the run's
 * queue; RPCs to workers and other masters are started from here but not awaited.
 */
export class TaskActions {
  private readonly shell: ShellTasks;
  private readonly child: ChildTasks;
  private readonly decisions: DecisionTasks;
  private readonly dependents: DependentTasks;

  constructor(
    private readonly run: RunHandle,
    private readonly ports: RunPorts,
  ) {
    this.shell = new ShellTasks(run, ports);
    this.child = new ChildTasks(run, ports);
    this.decisions = new DecisionTasks(run, ports);
    this.dependents = new DependentTasks(run, ports);
  }

  private now(): Date {
    return new Date(this.ports.clock.now());
  }

  /** Inserts attempt `attempt` of the task and starts it. */
  async start(def: TaskRun['def'], attempt: number): Promise<void> {
    switch (def.type) {
      case 'SHELL': {
        const task = await this.shell.start(def, attempt);
        if (task.state === 'DISPATCHED') this.armTimeout(task);
        return;
      }
      case 'SUB_WORKFLOW': {
        const task = await this.run.tasks.insert(def, attempt);
        await this.child.start(task);
        this.armTimeout(task);
        return;
      }
      case 'CONDITIONS':
      case 'SWITCH':
        await this.decisions.start(def, attempt);
        return;
      case 'DEPENDENT':
        this.armTimeout(await this.dependents.start(def, attempt));
        return;
      default:
        assertNever(def.type);
    }
  }

  /** Kills an active task once; the reconciler re-sends kills that did not take. */
  async killTask(task: TaskRun, reason: string): Promise<void> {
    if (!this.run.tasks.requestKill(task)) return;
    // A task the master runs itself stops with the write; a shell task or child is asked to.
    const notStarted =
      task.def.type === 'SHELL'
        ? task.state === 'SUBMITTED' || task.state === 'WAITING_GROUP'
        : task.def.type === 'SUB_WORKFLOW'
          ? task.childId === null
          : true;
    if (notStarted) {
      await this.run.tasks.transition(task, 'KILL', { endedAt: this.now() }, reason);
      return;
    }
    this.sendKill(task, reason);
  }

  private sendKill(task: TaskRun, reason: string): void {
    if (task.def.type === 'SHELL') void this.shell.kill(task, reason);
    else this.child.kill(task, reason);
  }

  /**
   * After adoption (or re-adoption after a failover): re-attach to what the previous owner
   * left. A shell task the worker still runs is taken over, one on a vanished worker is marked
   * NEED_FAULT_TOLERANCE (and restarted as a new attempt); a child is found again, never made
   * twice.
   */
  async resume(task: TaskRun): Promise<void> {
    if (await this.resumeMasterTask(task)) return;
    if (task.def.type === 'SUB_WORKFLOW') {
      if (task.state === 'SUBMITTED') {
        await this.child.start(task);
        this.armTimeout(task);
      } else if (task.state === 'RUNNING') {
        this.armTimeout(task);
        if (!(await this.child.check(task)) && task.childId !== null)
          this.ports.children.submit(task.childId, task.def.workflow);
      }
      return;
    }
    if (task.state === 'SUBMITTED') {
      if (await this.shell.dispatch(task)) this.armTimeout(task);
      return;
    }
    if (task.state === 'WAITING_GROUP') {
      this.shell.askGroup(task);
      return;
    }
    const worker = task.worker === null ? undefined : this.ports.workers.get(task.worker);
    if (worker === undefined) {
      await this.attemptLost(task);
      return;
    }
    this.armTimeout(task);
    this.ports.workers.noteDispatched(worker.name);
    void this.shell.send(task, worker, task.state === 'RUNNING');
  }

  /** The periodic check that makes every lost message a delay rather than a stuck task. */
  async reconcile(task: TaskRun): Promise<void> {
    if (await this.resumeMasterTask(task)) return;
    if (task.def.type === 'SUB_WORKFLOW') {
      if (task.state === 'SUBMITTED') {
        await this.child.start(task);
        this.armTimeout(task);
      } else if (!(await this.child.check(task)) && task.killRequested) {
        this.sendKill(task, 'stop (resent)');
      }
      return;
    }
    if (task.state === 'SUBMITTED') {
      if (await this.shell.dispatch(task)) this.armTimeout(task);
      return;
    }
    // The push may have been lost: ask again (it answers ADMITTED to a slot already held).
    if (task.state === 'WAITING_GROUP') {
      this.shell.askGroup(task);
      return;
    }
    const worker = task.worker === null ? undefined : this.ports.workers.get(task.worker);
    // Gone, or replaced by a new incarnation without the removal being seen (a re-listing
    // after a broken watch shows only the new one): either way the attempt died with it.
    const replaced = task.workerStartedAt !== null && worker?.startedAt !== task.workerStartedAt;
    if (worker === undefined || replaced) await this.attemptLost(task);
    else if (task.killRequested) this.sendKill(task, 'kill (resent)');
    else if (!task.dispatchConfirmed && !task.sending)
      void this.shell.send(task, worker, task.state === 'RUNNING');
  }

  /**
   * A task the master runs itself, found active at adoption or by the reconciler: a decision
   * not yet committed is made now (nothing was decided), a DEPENDENT wait goes on (its check
   * timer re-armed). False for other task types.
   */
  private async resumeMasterTask(task: TaskRun): Promise<boolean> {
    switch (task.def.type) {
      case 'CONDITIONS':
      case 'SWITCH':
        if (task.state === 'SUBMITTED') await this.decisions.decide(task);
        return true;
      case 'DEPENDENT':
        this.armTimeout(task);
        if (task.state === 'SUBMITTED') await this.dependents.begin(task);
        else if (!this.run.hasTimer(dependentCheckKey(task))) await this.dependents.check(task);
        return true;
      default:
        return false;
    }
  }

  /**
   * Carries out one plan of the DAG planner. Returns the state to end the instance in when the
   * plan says so (the caller ends it), and whether a task ended while carrying it out (a skip,
   * a decision): then the plan is stale and the caller plans again.
   */
  async carryOut(
    actions: PlanAction[],
    killReason: string,
  ): Promise<{ end: EndState | 'PAUSE' | undefined; settled: boolean }> {
    let settled = false;
    for (const action of actions) {
      switch (action.kind) {
        case 'start': {
          const def = this.run.spec.tasks.find((t) => t.name === action.task);
          if (def === undefined) break;
          await this.start(def, action.attempt);
          const state = this.run.tasks.get(def.name)?.state;
          if (state !== undefined && !isActiveTaskState(state)) settled = true;
          break;
        }
        case 'skip': {
          const def = this.run.spec.tasks.find((t) => t.name === action.task);
          if (def === undefined) break;
          const why = action.reason ?? 'not on a branch taken: every dependency was skipped';
          await this.run.tasks.skip(def, why);
          settled = true;
          break;
        }
        case 'kill': {
          const task = this.run.tasks.get(action.task);
          if (task === undefined) break;
          await this.killTask(task, killReason);
          // Killed by the write itself (it was on no worker: waiting for one, or for a slot of
          // its task group): the stop can go on now rather than at the next reconcile.
          if (!isActiveTaskState(task.state)) settled = true;
          break;
        }
        case 'retry-at':
          this.run.armTimer(`retry:${action.task}`, action.at - this.ports.clock.now(), () =>
            this.run.advance(),
          );
          break;
        case 'finish':
          return { end: action.state, settled };
        default:
          assertNever(action);
      }
    }
    return { end: undefined, settled };
  }

  /**
   * A worker incarnation left the cluster: its attempts of this instance are lost. Not those
   * already sent to a newer incarnation of the same name: its removal may be seen after the
   * new one took them (and a new incarnation refuses what was meant for the old one).
   */
  async workerGone(worker: MemberInfo): Promise<void> {
    for (const task of this.run.tasks.all()) {
      const onIt =
        task.def.type === 'SHELL' &&
        task.worker === worker.name &&
        (task.workerStartedAt === null || task.workerStartedAt === worker.startedAt);
      if (onIt && (task.state === 'DISPATCHED' || task.state === 'RUNNING'))
        await this.attemptLost(task);
    }
  }

  /** The task's worker left the cluster: the attempt is lost and will be retried elsewhere. */
  async attemptLost(task: TaskRun): Promise<void> {
    await this.run.tasks.transition(
      task,
      'NEED_FAULT_TOLERANCE',
      { endedAt: this.now() },
      `worker ${task.worker ?? '?'} is gone`,
    );
  }

  /** The coordinator admitted a waiting grouped attempt: dispatch it. */
  async groupAdmitted(task: TaskRun): Promise<void> {
    if (await this.shell.admitted(task)) this.armTimeout(task);
  }

  /** A child ended: end the task that waits on it. */
  async childEnded(task: TaskRun): Promise<void> {
    await this.child.check(task);
  }

  /**
   * Arms the master's side of a task timeout. SHELL tasks with FAIL are enforced by the worker
   * (it kills the group and reports FAILURE, even if this master dies meanwhile); WARN only
   * records a warning; a SUB_WORKFLOW with FAIL stops its child and the task fails.
   */
  private armTimeout(task: TaskRun): void {
    const { timeoutMs, timeoutStrategy, type } = task.def;
    if (timeoutMs === null || !isActiveTaskState(task.state)) return;
    if (type === 'SHELL' && timeoutStrategy === 'FAIL') return;
    const { run, ports } = this;
    const startedAt = task.startedAt?.getTime() ?? ports.clock.now();
    run.armTimer(timeoutKey(task), startedAt + timeoutMs - ports.clock.now(), async () => {
      if (!run.isCurrent(task) || !isActiveTaskState(task.state)) return;
      const reason = `task ${task.def.name} exceeded its timeout of ${formatDuration(timeoutMs)}`;
      if (timeoutStrategy === 'WARN') {
        run.log.warn({ task: task.def.name }, reason);
        await ports.store.note(run.id, run.epoch, task.state, `warning: ${reason}`, taskRef(task));
        return;
      }
      run.tasks.timedOut(task);
      // A DEPENDENT wait that times out fails (and is retried as usual), as in DolphinScheduler.
      if (task.def.type === 'DEPENDENT') {
        await run.tasks.transition(task, 'FAILURE', { endedAt: this.now() }, reason);
        await run.advance();
      } else await this.killTask(task, reason);
    });
  }
}
