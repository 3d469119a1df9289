import type { MemberInfo } from '../../shared/etcd/members.js';
import { requestStop } from '../../shared/instances/request-stop.js';
import { errorMessage } from '../../shared/errors.js';
import type { RunDeps } from './run-deps.js';
import type { RunHandle } from './run-handle.js';
import { assertNever, type PlanAction } from './dag-planner.js';
import type { EndState } from './run-summary.js';
import { newAttempt, type TaskRun } from './run-model.js';
import { checkChild, startChild } from './child-task.js';
import { dispatchShell, sendKill, sendRunTask, startShell } from './shell-task.js';
import { transitionTask } from './task-lifecycle.js';

/**
 * What an instance run does to its tasks, by task type. Every method runs inside the run's
 * queue; RPCs to workers and other masters are started from here but not awaited.
 */
export class TaskActions {
  constructor(
    private readonly run: RunHandle,
    private readonly deps: RunDeps,
  ) {}

  private readonly kill = (task: TaskRun, reason: string): Promise<void> =>
    this.killTask(task, reason);

  /** Inserts attempt `attempt` of `name` and starts it. */
  async start(name: string, attempt: number, def: TaskRun['def']): Promise<void> {
    if (def.type === 'SHELL') {
      await startShell(this.run, this.deps, def, attempt, this.kill);
      return;
    }
    const id = await this.deps.store.insertTask(this.run.id, this.run.epoch, {
      name,
      type: def.type,
      attempt,
    });
    const task = newAttempt(def, id, attempt, this.run.tasks.get(name));
    this.run.tasks.set(name, task);
    await startChild(this.run, this.deps, task, this.kill);
  }

  /** Kills an active task once; the reconciler re-sends kills that did not take. */
  async killTask(task: TaskRun, reason: string): Promise<void> {
    if (task.killRequested) return;
    task.killRequested = true;
    const notStarted =
      task.def.type === 'SHELL' ? task.state === 'SUBMITTED' : task.childId === null;
    if (notStarted) {
      await transitionTask(this.run, this.deps, task, 'KILL', { endedAt: new Date() }, reason);
      return;
    }
    this.sendKill(task, reason);
  }

  private sendKill(task: TaskRun, reason: string): void {
    if (task.def.type === 'SHELL') {
      void sendKill(this.run, this.deps, task, reason);
    } else if (task.childId !== null) {
      const childId = task.childId;
      requestStop(this.deps.stopDeps, childId, reason).catch((err: unknown) =>
        this.run.log.debug({ child: childId, err: errorMessage(err) }, 'child stop not needed'),
      );
    }
  }

  /**
   * After adoption (or re-adoption after a failover): re-attach to what the previous owner
   * left. A shell task the worker still runs is taken over, one on a vanished worker is marked
   * NEED_FAULT_TOLERANCE (and restarted as a new attempt); a child is found again, never made
   * twice.
   */
  async resume(task: TaskRun): Promise<void> {
    if (task.def.type === 'SUB_WORKFLOW') {
      if (task.state === 'SUBMITTED') await startChild(this.run, this.deps, task, this.kill);
      else if (
        task.state === 'RUNNING' &&
        !(await checkChild(this.run, this.deps, task)) &&
        task.childId !== null
      ) {
        this.deps.submitChild(task.childId, task.def.workflow);
      }
      return;
    }
    if (task.state === 'SUBMITTED') {
      await dispatchShell(this.run, this.deps, task, this.kill);
      return;
    }
    const worker = task.worker === null ? undefined : this.deps.cluster.worker(task.worker);
    if (worker === undefined) {
      await this.attemptLost(task);
      return;
    }
    this.deps.cluster.noteDispatched(worker.name);
    void sendRunTask(this.run, this.deps, task, worker, task.state === 'RUNNING');
  }

  /** The periodic check that makes every lost message a delay rather than a stuck task. */
  async reconcile(task: TaskRun): Promise<void> {
    if (task.def.type === 'SUB_WORKFLOW') {
      if (task.state === 'SUBMITTED') await startChild(this.run, this.deps, task, this.kill);
      else if (!(await checkChild(this.run, this.deps, task)) && task.killRequested)
        this.sendKill(task, 'stop (resent)');
      return;
    }
    if (task.state === 'SUBMITTED') {
      await dispatchShell(this.run, this.deps, task, this.kill);
      return;
    }
    const worker = task.worker === null ? undefined : this.deps.cluster.worker(task.worker);
    // Gone, or replaced by a new incarnation without the removal being seen (a re-listing
    // after a broken watch shows only the new one): either way the attempt died with it.
    const replaced = task.workerStartedAt !== null && worker?.startedAt !== task.workerStartedAt;
    if (worker === undefined || replaced) await this.attemptLost(task);
    else if (task.killRequested) this.sendKill(task, 'kill (resent)');
    else if (!task.dispatchConfirmed)
      void sendRunTask(this.run, this.deps, task, worker, task.state === 'RUNNING');
  }

  /**
   * Carries out one plan of the DAG planner. Returns the state to end the instance in when the
   * plan says so (the caller ends it).
   */
  async carryOut(actions: PlanAction[], killReason: string): Promise<EndState | undefined> {
    for (const action of actions) {
      switch (action.kind) {
        case 'start': {
          const def = this.run.spec.tasks.find((t) => t.name === action.task);
          if (def !== undefined) await this.start(action.task, action.attempt, def);
          break;
        }
        case 'kill': {
          const task = this.run.tasks.get(action.task);
          if (task !== undefined) await this.killTask(task, killReason);
          break;
        }
        case 'retry-at':
          this.run.armTimer(`retry:${action.task}`, action.at - Date.now(), () =>
            this.run.advance(),
          );
          break;
        case 'finish':
          return action.state;
        default:
          assertNever(action);
      }
    }
    return undefined;
  }

  /**
   * A worker incarnation left the cluster: its attempts of this instance are lost. Not those
   * already sent to a newer incarnation of the same name: its removal may be seen after the
   * new one took them (and a new incarnation refuses what was meant for the old one).
   */
  async workerGone(worker: MemberInfo): Promise<void> {
    for (const task of [...this.run.tasks.values()]) {
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
    await transitionTask(
      this.run,
      this.deps,
      task,
      'NEED_FAULT_TOLERANCE',
      { endedAt: new Date() },
      `worker ${task.worker ?? '?'} is gone`,
    );
  }

  /** A child ended: end the task that waits on it. */
  async childEnded(task: TaskRun): Promise<void> {
    await checkChild(this.run, this.deps, task);
  }
}
