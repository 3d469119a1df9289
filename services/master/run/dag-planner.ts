import type {
  TaskDefinition,
  WorkflowDefinitionSpec,
} from '../../../shared/domain/workflow-spec.js';
import { assertNever } from '../../../shared/assert-never.js';
import { branchTargets } from '../../../shared/domain/branch-rules.js';
import { activeMs, type PauseSpan } from './pause-clock.js';
import {
  isActiveTaskState,
  isSuccessTaskState,
  type TaskState,
} from '../../../shared/domain/task-states.js';

/** What the planner needs to know about a task: its newest attempt and how many failed. */
export interface TaskProgress {
  /** Newest attempt number; 0 when the task never started. */
  attempt: number;
  /** The newest attempt's state; undefined when the task never started. */
  state: TaskState | undefined;
  /** Attempts that ended FAILURE (fault-tolerance restarts do not count against retries). */
  failures: number;
  endedAt: Date | null;
  /**
   * A CONDITIONS or SWITCH attempt that succeeded: the branch targets it chose, as stored with
   * the attempt (D1: read, never re-evaluated). Undefined for other tasks.
   */
  chosen?: readonly string[];
  /**
   * The newest attempt is from an earlier round of the instance (before a recover or resume)
   * and did not succeed: the task is planned again as if it never ran (the next attempt number,
   * its retries fresh). SUCCESS and FORCED_SUCCESS of earlier rounds are never stale.
   */
  stale?: boolean;
}

export interface PlanInput {
  spec: WorkflowDefinitionSpec;
  progress: ReadonlyMap<string, TaskProgress>;
  /** The instance is READY_STOP: kill what runs, start nothing, end STOP. */
  stopping: boolean;
  /**
   * The instance is READY_PAUSE: what runs finishes (nothing is killed for the pause), nothing
   * new starts or is skipped, no retry is armed; PAUSE once nothing runs, unless nothing is
   * left to do at all (then it ends as a run would).
   */
  pausing?: boolean;
  /**
   * A start from tasks (see shared/domain/start-scope.ts): the tasks that are part of the run.
   * The others end SKIPPED without running, and count as satisfied for the tasks that depend on
   * them. Undefined: every task.
   */
  selected?: ReadonlySet<string>;
  /** Active tasks that do not run any more for the pause: SUB_WORKFLOW tasks whose child is PAUSE. */
  paused?: ReadonlySet<string>;
  /** The instance's pauses that ended: a retry interval does not count them (pause-clock.ts). */
  pauses?: readonly PauseSpan[];
  now: number;
}

export type PlanAction =
  | { kind: 'start'; task: string; attempt: number }
  | { kind: 'skip'; task: string; reason?: string }
  | { kind: 'kill'; task: string }
  | { kind: 'retry-at'; task: string; at: number }
  | { kind: 'finish'; state: 'SUCCESS' | 'FAILURE' | 'STOP' | 'PAUSE' };

const NEVER_STARTED: TaskProgress = { attempt: 0, state: undefined, failures: 0, endedAt: null };

/** What the planner sees of a task: a stale attempt (an earlier round's) as not yet run. */
function current(progress: TaskProgress): TaskProgress {
  if (progress.stale !== true) return progress;
  return { attempt: progress.attempt, state: undefined, failures: 0, endedAt: null };
}

/** How one dependency edge stands for the task waiting on it. */
type EdgeState = 'pending' | 'satisfied' | 'skipped' | 'blocked';

/**
 * The DAG state machine as one pure function: from the tasks' progress, what to do next.
 * - A task starts when each dependency succeeded or was skipped, and at least one succeeded;
 *   it is SKIPPED when every dependency was (a join after branches runs if any side ran).
 * - A dependency is skipped for a task when it ended SKIPPED, or when it is a CONDITIONS or
 *   SWITCH task whose decision did not choose the task (a branch target it did not take).
 * - A CONDITIONS task starts once every dependency has ended for good (any final state): it
 *   tests their states. A final FAILURE it consumes does not fail the instance.
 * - A FAILURE is retried `retries` times, `retryInterval` after it ended (the time the instance
 *   was paused in between does not count); a task whose worker
 *   died (NEED_FAULT_TOLERANCE) is restarted at once as a new attempt.
 * - failureStrategy END: a final failure no CONDITIONS task consumes kills the running tasks
 *   and the instance fails. CONTINUE: independent branches go on; the instance fails once
 *   nothing can run.
 * - FORCED_SUCCESS (an operator's) counts as SUCCESS everywhere. A task whose newest attempt
 *   is stale (an earlier round's failure, kill or skip: see TaskProgress.stale) is planned
 *   again as a task that never started, its attempt numbers going on.
 * - When nothing runs and nothing can start, the instance ends: SUCCESS iff every task
 *   succeeded, was skipped, or failed into a CONDITIONS task.
 */
export function plan(input: PlanInput): PlanAction[] {
  const { spec, stopping } = input;
  const graph = new PlanGraph(spec, input.progress, input.selected);
  const active = spec.tasks.filter((t) => isActiveState(graph.progress(t.name).state));

  if (stopping) {
    if (active.length === 0) return [{ kind: 'finish', state: 'STOP' }];
    return active.map((t) => ({ kind: 'kill', task: t.name }));
  }

  const failedForGood = spec.tasks.some((t) => graph.isUnhandledFailure(t));
  if (failedForGood && spec.failureStrategy === 'END') {
    if (active.length === 0) return [{ kind: 'finish', state: 'FAILURE' }];
    return active.map((t) => ({ kind: 'kill', task: t.name }));
  }

  const actions: PlanAction[] = [];
  for (const task of spec.tasks) {
    if (!graph.isSelected(task.name)) {
      const outside: PlanAction = {
        kind: 'skip',
        task: task.name,
        reason: 'not among the tasks started',
      };
      if (graph.progress(task.name).state === undefined) actions.push(outside);
      continue;
    }
    const next = nextStep(task, graph, input.now, input.pauses ?? []);
    if (next !== undefined) actions.push(next);
  }
  if (input.pausing === true) {
    const held = actions.filter(
      (a) => a.kind !== 'start' && a.kind !== 'skip' && a.kind !== 'retry-at',
    );
    const running = active.filter((t) => input.paused?.has(t.name) !== true);
    if (held.length > 0 || running.length > 0) return held;
    if (actions.length > 0 || active.length > 0) return [{ kind: 'finish', state: 'PAUSE' }];
  }
  if (actions.length > 0 || active.length > 0) return actions;

  const succeeded = spec.tasks.every((t) => {
    const state = graph.progress(t.name).state;
    return (
      isSuccessTaskState(state) ||
      state === 'SKIPPED' ||
      (graph.isFinalFailure(t) && graph.consumedByConditions(t))
    );
  });
  return [{ kind: 'finish', state: succeeded ? 'SUCCESS' : 'FAILURE' }];
}

/** Tasks whose final failure fails the instance (no CONDITIONS task consumes it). */
export function unhandledFailures(
  spec: WorkflowDefinitionSpec,
  progress: ReadonlyMap<string, TaskProgress>,
): string[] {
  const graph = new PlanGraph(spec, progress);
  return spec.tasks.filter((t) => graph.isUnhandledFailure(t)).map((t) => t.name);
}

function nextStep(
  task: TaskDefinition,
  graph: PlanGraph,
  now: number,
  pauses: readonly PauseSpan[],
): PlanAction | undefined {
  const progress = graph.progress(task.name);
  switch (progress.state) {
    case undefined:
      return firstStep(task, graph, progress.attempt + 1);
    case 'FAILURE': {
      if (progress.failures > task.retries) return undefined;
      // The interval counts from the attempt's end, the instance's pauses aside.
      const ended = progress.endedAt?.getTime() ?? now;
      const due = now + task.retryIntervalMs - activeMs(pauses, ended, now);
      return due <= now
        ? { kind: 'start', task: task.name, attempt: progress.attempt + 1 }
        : { kind: 'retry-at', task: task.name, at: due };
    }
    case 'NEED_FAULT_TOLERANCE':
      return { kind: 'start', task: task.name, attempt: progress.attempt + 1 };
    case 'SUBMITTED':
    case 'WAITING_GROUP':
    case 'DISPATCHED':
    case 'RUNNING':
    case 'SUCCESS':
    case 'FORCED_SUCCESS':
    case 'KILL':
    case 'SKIPPED':
      return undefined;
    default:
      return assertNever(progress.state);
  }
}

/** A task that never started (in this round): start it as `attempt`, skip it, or wait. */
function firstStep(
  task: TaskDefinition,
  graph: PlanGraph,
  attempt: number,
): PlanAction | undefined {
  if (task.dependsOn.length === 0) return { kind: 'start', task: task.name, attempt };
  const edges = task.dependsOn.map((dep) => graph.edge(dep, task));
  if (edges.some((e) => e === 'pending')) return undefined;
  if (edges.every((e) => e === 'skipped')) return { kind: 'skip', task: task.name };
  // A CONDITIONS task tests final failures too; any other task needs its inputs to exist.
  if (task.type !== 'CONDITIONS' && edges.some((e) => e === 'blocked')) return undefined;
  return { kind: 'start', task: task.name, attempt };
}

/** The spec and progress together, answering the per-task and per-edge questions. */
class PlanGraph {
  private readonly byName: Map<string, TaskDefinition>;

  constructor(
    private readonly spec: WorkflowDefinitionSpec,
    private readonly progressByName: ReadonlyMap<string, TaskProgress>,
    private readonly selected?: ReadonlySet<string>,
  ) {
    this.byName = new Map(spec.tasks.map((t) => [t.name, t]));
  }

  isSelected(name: string): boolean {
    return this.selected === undefined || this.selected.has(name);
  }

  progress(name: string): TaskProgress {
    return current(this.progressByName.get(name) ?? NEVER_STARTED);
  }

  edge(depName: string, task: TaskDefinition): EdgeState {
    // Outside a start from tasks: as if it had run before (DolphinScheduler's start nodes).
    if (!this.isSelected(depName)) return 'satisfied';
    const dep = this.byName.get(depName);
    const progress = this.progress(depName);
    if (dep === undefined || progress.state === 'SKIPPED') return 'skipped';
    if (isSuccessTaskState(progress.state)) {
      const notChosen =
        progress.chosen !== undefined &&
        branchTargets(dep).includes(task.name) &&
        !progress.chosen.includes(task.name);
      return notChosen ? 'skipped' : 'satisfied';
    }
    return this.isFinalFailure(dep) ? 'blocked' : 'pending';
  }

  /** A failure no retry will follow: retries used up, or killed (by END or by hand). */
  isFinalFailure(task: TaskDefinition): boolean {
    const progress = this.progress(task.name);
    if (progress.state === 'KILL') return true;
    return progress.state === 'FAILURE' && progress.failures > task.retries;
  }

  /** A CONDITIONS task depends on it: its failure is an input, not the instance's failure. */
  consumedByConditions(task: TaskDefinition): boolean {
    return this.spec.tasks.some((t) => t.type === 'CONDITIONS' && t.dependsOn.includes(task.name));
  }

  isUnhandledFailure(task: TaskDefinition): boolean {
    return this.isFinalFailure(task) && !this.consumedByConditions(task);
  }
}

function isActiveState(state: TaskState | undefined): boolean {
  return state !== undefined && isActiveTaskState(state);
}
