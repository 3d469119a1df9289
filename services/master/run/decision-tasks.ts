import { branchTargets } from '../../../shared/domain/branch-rules.js';
import {
  ExpressionEvaluationError,
  ExpressionSyntaxError,
} from '../../../shared/domain/expressions/errors.js';
import { evaluateCondition } from '../../../shared/domain/expressions/evaluate-condition.js';
import { conditionParams } from '../../../shared/domain/expressions/condition-params.js';
import { parseCondition } from '../../../shared/domain/expressions/parse-condition.js';
import type { TaskDefinition } from '../../../shared/domain/workflow-spec.js';
import { errorMessage } from '../../../shared/errors.js';
import { racePoint } from '../../../shared/race-points.js';
import { ATTR, inSpan, SpanStatusCode } from '../../../shared/telemetry/tracing.js';
import type { RunHandle } from './run-handle.js';
import type { TaskRun } from './run-model.js';
import type { RunPorts } from './run-ports.js';
import type { TaskDecision } from './task-decision.js';
import { taskParams } from './task-params.js';

type Outcome = { decision: TaskDecision; reason: string } | { failure: string };

/**
 * CONDITIONS and SWITCH tasks, run by the owning master: decide, and commit the decision with
 * the attempt's end in one fenced write before any branch task can start (invariant D1). The
 * planner reads only the stored decision, so a master that adopts the instance never decides
 * again; an attempt still SUBMITTED (its owner died before the commit) has decided nothing and
 * is decided now.
 */
export class DecisionTasks {
  constructor(
    private readonly run: RunHandle,
    private readonly ports: RunPorts,
  ) {}

  async start(def: TaskDefinition, attempt: number): Promise<void> {
    const task = await this.run.tasks.insert(def, attempt);
    await this.decide(task);
  }

  /**
   * Decides a SUBMITTED attempt and commits it: SUCCESS with the decision, or FAILURE. In the
   * instance's trace as `baton.task.decide`, with the branches taken.
   */
  decide(task: TaskRun): Promise<void> {
    const { run, ports } = this;
    const attributes = {
      ...run.spanAttributes,
      [ATTR.task]: task.def.name,
      [ATTR.attempt]: task.attempt,
      [ATTR.taskInstanceId]: task.id,
      'baton.task.type': task.def.type,
    };
    return inSpan('baton.task.decide', { attributes }, async (span) => {
      const outcome =
        task.def.type === 'SWITCH' ? this.switchOutcome(task) : this.conditionsOutcome(task);
      const now = new Date(ports.clock.now());
      await racePoint('master.decision.before-commit', run.id, run.workflow);
      if ('failure' in outcome) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.failure });
        await run.tasks.transition(
          task,
          'FAILURE',
          { startedAt: now, endedAt: now },
          outcome.failure,
        );
        return;
      }
      span.setAttribute('baton.decision.chosen', outcome.decision.chosen.join(','));
      await run.tasks.transition(
        task,
        'SUCCESS',
        { startedAt: now, endedAt: now, decision: outcome.decision },
        outcome.reason,
      );
      await racePoint('master.decision.after-commit', run.id, run.workflow);
    });
  }

  private conditionsOutcome(task: TaskRun): Outcome {
    const { def } = task;
    const condition = def.condition;
    if (condition === null) return { failure: 'CONDITIONS task without a condition' };
    const inputs: Record<string, string> = {};
    // A forced success is a success to the condition (it tests SUCCESS or FAILURE).
    for (const dep of def.dependsOn) {
      const state = this.run.tasks.get(dep)?.state ?? 'NOT_RUN';
      inputs[dep] = state === 'FORCED_SUCCESS' ? 'SUCCESS' : state;
    }
    const holds = condition.items.map((item) => inputs[item.task] === item.state);
    const value = condition.relation === 'all' ? holds.every(Boolean) : holds.some(Boolean);
    const chosen = value ? def.onTrue : def.onFalse;
    return {
      decision: decisionOf(def, 'CONDITIONS', chosen, value, inputs),
      reason: `condition is ${value}: ${describe(chosen)}`,
    };
  }

  private switchOutcome(task: TaskRun): Outcome {
    const { def } = task;
    let params: Record<string, string>;
    try {
      params = taskParams(this.run, def, task.attempt);
    } catch (err) {
      return { failure: `cannot compute the params: ${errorMessage(err)}` };
    }
    const inputs: Record<string, string> = {};
    for (const [index, c] of def.switchCases.entries()) {
      let holds: boolean;
      try {
        const expression = parseCondition(c.when);
        for (const name of conditionParams(expression))
          inputs[name] = Object.hasOwn(params, name) ? (params[name] ?? '') : '(unset)';
        holds = evaluateCondition(expression, params);
      } catch (err) {
        // DolphinScheduler counts a case that throws as false and may take the default
        // silently; a case that cannot be evaluated fails the task here, naming it.
        if (!(err instanceof ExpressionEvaluationError || err instanceof ExpressionSyntaxError))
          throw err;
        return { failure: `switch[${index}] '${c.when}': ${errorMessage(err)}` };
      }
      if (holds)
        return {
          decision: decisionOf(def, 'SWITCH', [c.next], index, inputs),
          reason: `switch[${index}] '${c.when}' holds: ${c.next}`,
        };
    }
    if (def.switchDefault === null)
      return {
        failure: `no case holds (${describeValues(inputs)}) and there is no default`,
      };
    return {
      decision: decisionOf(def, 'SWITCH', [def.switchDefault], 'default', inputs),
      reason: `no case holds (${describeValues(inputs)}): default ${def.switchDefault}`,
    };
  }
}

function decisionOf(
  def: TaskDefinition,
  kind: TaskDecision['kind'],
  chosen: readonly string[],
  outcome: TaskDecision['outcome'],
  inputs: Record<string, string>,
): TaskDecision {
  const skipped = branchTargets(def).filter((t) => !chosen.includes(t));
  return { kind, chosen: [...chosen], skipped, outcome, inputs };
}

function describe(chosen: readonly string[]): string {
  return chosen.length === 0 ? 'no branch' : `takes ${chosen.join(', ')}`;
}

function describeValues(inputs: Record<string, string>): string {
  const entries = Object.entries(inputs);
  return entries.length === 0 ? 'no params read' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}
