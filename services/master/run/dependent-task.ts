import {
  combineDependent,
  dependentItemResult,
  type DependentResult,
} from '../../../shared/domain/business-time/dependent-result.js';
import {
  dependentWindow,
  type DependentCycle,
} from '../../../shared/domain/business-time/dependent-window.js';
import { isActiveTaskState, isTaskState } from '../../../shared/domain/task-states.js';
import type { DependentItem, TaskDefinition } from '../../../shared/domain/workflow-spec.js';
import { isWorkflowState } from '../../../shared/domain/workflow-states.js';
import { ATTR, inSpan } from '../../../shared/telemetry/tracing.js';
import type { RunHandle } from './run-handle.js';
import type { TaskRun } from './run-model.js';
import type { RunPorts } from './run-ports.js';
import { businessZone } from './task-params.js';
import { dependentCheckKey } from './task-records.js';

/**
 * DEPENDENT tasks, run by the owning master and holding no worker: RUNNING while they wait,
 * re-checking their upstream runs every `checkInterval` on a timer of the run (re-armed when a
 * master adopts the instance), and ending SUCCESS or FAILURE as the items combine. The task's
 * `timeout` (armed like any task's) ends the wait with FAILURE.
 */
export class DependentTasks {
  constructor(
    private readonly run: RunHandle,
    private readonly ports: RunPorts,
  ) {}

  async start(def: TaskDefinition, attempt: number): Promise<TaskRun> {
    const task = await this.run.tasks.insert(def, attempt);
    await this.begin(task);
    return task;
  }

  /** SUBMITTED -> RUNNING, then the first check. */
  async begin(task: TaskRun): Promise<void> {
    const now = new Date(this.ports.clock.now());
    await this.run.tasks.transition(
      task,
      'RUNNING',
      { startedAt: now },
      'waiting for upstream runs',
    );
    await this.check(task);
  }

  /**
   * Looks at the upstream runs once; ends the task when decided, else checks again later. Each
   * look is a `baton.task.dependent` span in the instance's trace.
   */
  async check(task: TaskRun): Promise<void> {
    const { run } = this;
    const spec = task.def.dependOn;
    if (!run.isCurrent(task) || task.state !== 'RUNNING' || spec === null) return;
    const attributes = {
      ...run.spanAttributes,
      [ATTR.task]: task.def.name,
      [ATTR.attempt]: task.attempt,
      [ATTR.taskInstanceId]: task.id,
    };
    await inSpan('baton.task.dependent', { attributes }, async (span) => {
      const results: { item: DependentItem; result: DependentResult }[] = [];
      for (const item of spec.items) results.push({ item, result: await this.itemResult(item) });
      const combined = combineDependent(
        spec.relation,
        results.map((r) => r.result),
      );
      span.setAttribute('baton.dependent.result', combined);
      if (combined === 'WAITING') {
        run.armTimer(dependentCheckKey(task), spec.checkIntervalMs, async () => {
          await this.check(task);
          await run.advance();
        });
        return;
      }
      const summary = results.map((r) => `${describeItem(r.item)}: ${r.result}`).join('; ');
      const met = combined === 'SUCCESS' ? 'met' : 'failed';
      await run.tasks.transition(
        task,
        combined,
        { endedAt: new Date(this.ports.clock.now()) },
        `dependencies ${met} (${spec.relation}): ${summary}`,
      );
    });
  }

  private async itemResult(item: DependentItem): Promise<DependentResult> {
    const { run, ports } = this;
    const window = dependentWindow(
      item.cycle as DependentCycle,
      item.date,
      run.scheduleTime,
      businessZone(run),
    );
    const upstream = await ports.lookups.upstreamRun(item.workflow, item.task, window);
    if (upstream === undefined) return 'WAITING';
    if (item.task === null)
      return dependentItemResult(
        upstream.state !== undefined && isWorkflowState(upstream.state)
          ? upstream.state
          : undefined,
      );
    return taskItemResult(upstream.state, upstream.instanceEnded);
  }
}

/**
 * A single upstream task (DolphinScheduler's rule): SUCCESS when its newest attempt succeeded;
 * WAITING while it has not run yet or may still be retried in a running instance; FAILURE once
 * it failed for good or its instance ended without it.
 */
function taskItemResult(state: string | undefined, instanceEnded: boolean): DependentResult {
  if (state === 'SUCCESS' || state === 'FORCED_SUCCESS') return 'SUCCESS';
  if (state === undefined || !isTaskState(state)) return instanceEnded ? 'FAILURE' : 'WAITING';
  if (isActiveTaskState(state)) return 'WAITING';
  return instanceEnded
    ? 'FAILURE'
    : state === 'FAILURE' || state === 'NEED_FAULT_TOLERANCE'
      ? 'WAITING'
      : 'FAILURE';
}

function describeItem(item: DependentItem): string {
  const what = item.task === null ? item.workflow : `${item.workflow}.${item.task}`;
  return `${what} ${item.cycle} ${item.date}`;
}
