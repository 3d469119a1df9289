import { ATTR, inSpan } from '../../../shared/telemetry/tracing.js';
import {
  isTerminalWorkflowState,
  isWorkflowState,
} from '../../../shared/domain/workflow-states.js';
import type { TaskState } from '../../../shared/domain/task-states.js';
import { SYSTEM_PARAM_PREFIX } from '../../../shared/domain/params.js';
import { taskParams } from './task-params.js';
import type { RunHandle } from './run-handle.js';
import type { PriorChild, TaskRun } from './run-model.js';
import { racePoint } from '../../../shared/race-points.js';
import type { RunPorts } from './run-ports.js';

/**
 * A child runs with its definition's params overlaid by every param of its parent: the
 * parent's values are start params for the child, as in DolphinScheduler, where a parent's
 * parameters are passed down to its sub-workflow and win over the child's defaults.
 */
export function inheritParams(
  childDefaults: Record<string, string>,
  parent: Readonly<Record<string, string>>,
): Record<string, string> {
  return { ...childDefaults, ...parent };
}

/**
 * What a parent passes down: the params the SUB_WORKFLOW task itself sees (instance params,
 * upstream outputs, its own params), without Baton's built-ins, which the child has its own of.
 */
function childParams(run: RunHandle, task: TaskRun): Record<string, string> {
  const all = taskParams(run, task.def, task.attempt);
  return Object.fromEntries(
    Object.entries(all).filter(([name]) => !name.startsWith(SYSTEM_PARAM_PREFIX)),
  );
}

/**
 * A SUB_WORKFLOW task's declared outputs, from its child's tasks' outputs in the order they
 * ended: a name set by several tasks takes the value of the one that ended last.
 */
function declaredOf(
  declared: readonly string[],
  fromTasks: readonly Record<string, string>[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const outputs of fromTasks)
    for (const name of declared)
      if (Object.hasOwn(outputs, name))
        // defineProperty: a declared name such as `__proto__` stays plain data.
        Object.defineProperty(out, name, {
          value: outputs[name],
          enumerable: true,
          writable: true,
          configurable: true,
        });
  return out;
}

/** SUB_WORKFLOW tasks: each attempt has exactly one child instance (F2). */
export class ChildTasks {
  constructor(
    private readonly run: RunHandle,
    private readonly ports: RunPorts,
  ) {}

  /**
   * Starts (or re-attaches to) the child instance of a SUB_WORKFLOW task attempt. The child row
   * is created idempotently under the parent link's UNIQUE key, so calling this again after a
   * failover finds the same child instead of making a second one (F2).
   */
  async start(task: TaskRun): Promise<void> {
    if (task.priorChild !== null) {
      await this.reattach(task, task.priorChild);
      return;
    }
    const { run, ports } = this;
    const child = await ports.children.latestDefinition(task.def.workflow);
    // The child's row stores this span as its trace parent: the child runs in the same trace.
    const childId = await inSpan(
      'baton.task.child',
      {
        attributes: {
          ...run.spanAttributes,
          [ATTR.task]: task.def.name,
          [ATTR.attempt]: task.attempt,
          'baton.child.workflow': task.def.workflow,
        },
      },
      async (span) => {
        const id = await ports.store.createChild(
          run.id,
          run.epoch,
          {
            workflow: task.def.workflow,
            version: child.version,
            executionType: child.spec.executionType,
            params: inheritParams(child.spec.params, childParams(run, task)),
          },
          { name: task.def.name, attempt: task.attempt },
        );
        span.setAttribute('baton.child.instance.id', id);
        return id;
      },
    );
    await run.tasks.transition(
      task,
      'RUNNING',
      { childInstanceId: childId, startedAt: new Date(ports.clock.now()) },
      `child instance ${childId}`,
    );
    if (!(await this.check(task))) ports.children.submit(childId, task.def.workflow);
  }

  /**
   * A recovered (or resumed) SUB_WORKFLOW task: its child from an earlier round is carried on
   * in place (only its own failed or killed tasks run again) and this attempt attaches to it, so
   * no second child is made (F2: the child belongs to the attempt that made it; the attempts of
   * later rounds re-attach to it). Recovering first and attaching after means an owner that dies
   * in between leaves an attempt that recovers again, which the child's round makes a no-op.
   */
  private async reattach(task: TaskRun, prior: PriorChild): Promise<void> {
    const { run, ports } = this;
    const reason = `recovered by ${run.id} task ${task.def.name} attempt ${task.attempt}`;
    await ports.children.recover(prior.id, prior.links, reason);
    await racePoint('master.child.before-reattach', run.id, run.workflow);
    await run.tasks.transition(
      task,
      'RUNNING',
      { childInstanceId: prior.id, startedAt: new Date(ports.clock.now()) },
      `child instance ${prior.id} (recovered in place)`,
    );
    if (!(await this.check(task))) ports.children.submit(prior.id, task.def.workflow);
  }

  /** Reads the child's state; when it has ended, ends the task accordingly. True if it ended. */
  async check(task: TaskRun): Promise<boolean> {
    if (task.childId === null || task.state !== 'RUNNING') return false;
    const child = await this.ports.store.instanceOutcome(task.childId);
    if (
      child === undefined ||
      !isWorkflowState(child.state) ||
      !isTerminalWorkflowState(child.state)
    )
      return false;
    const to: TaskState =
      child.state === 'SUCCESS'
        ? 'SUCCESS'
        : child.state === 'STOP' && !task.timedOut
          ? 'KILL'
          : 'FAILURE';
    const why = task.timedOut ? ' after the task timed out' : '';
    const outputs =
      to === 'SUCCESS' && task.def.outputs.length > 0
        ? declaredOf(task.def.outputs, await this.ports.lookups.childOutputs(task.childId))
        : undefined;
    await this.run.tasks.transition(
      task,
      to,
      {
        endedAt: child.endedAt ?? new Date(this.ports.clock.now()),
        ...(outputs === undefined ? {} : { outputs }),
      },
      `child ${task.childId} ended ${child.state}${why}`,
    );
    return true;
  }

  /** Asks the child to stop (recorded, then pushed to its owner). */
  kill(task: TaskRun, reason: string): void {
    const childId = task.childId;
    if (childId === null) return;
    this.ports.children
      .stop(childId, reason)
      .catch((err: unknown) =>
        this.run.log.debug({ child: childId, err: String(err) }, 'child stop not needed'),
      );
  }
}
