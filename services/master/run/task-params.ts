import { businessBuiltins } from '../../../shared/domain/business-time/builtins.js';
import { expandDateExpressions } from '../../../shared/domain/business-time/date-expressions.js';
import { mergeParams, substituteParams, systemParams } from '../../../shared/domain/params.js';
import type { TaskDefinition } from '../../../shared/domain/workflow-spec.js';
import type { RunHandle } from './run-handle.js';

type ParamsSource = Pick<RunHandle, 'id' | 'workflow' | 'params' | 'scheduleTime' | 'spec'> & {
  readonly tasks: {
    get(name: string): { state: string; outputs: Readonly<Record<string, string>> } | undefined;
  };
};

/** The time zone business dates are computed in: the schedule's, else UTC. */
export function businessZone(run: Pick<RunHandle, 'spec'>): string {
  return run.spec.schedule?.timezone ?? 'UTC';
}

/**
 * The params one attempt of `def` sees, lowest precedence first: the instance's params (the
 * definition's overlaid with the start's), the outputs of upstream tasks (the nearest wins),
 * the task's own params (their `${...}` filled from everything below them), then Baton's
 * built-ins (`system.*`, which users cannot define). `$[...]` date expressions in the values
 * are expanded relative to the instance's schedule time.
 *
 * Nearest upstream: a breadth-first walk up `dependsOn` from the task, each level in declared
 * order; the first task met that set a name wins it. So a direct dependency beats one two steps
 * up, and between two at the same distance the one listed first (on the nearer task) wins.
 *
 * @throws InvalidArgumentError when a value holds a malformed `$[...]` (the attempt fails).
 */
export function taskParams(
  run: ParamsSource,
  def: TaskDefinition,
  attempt: number,
): Record<string, string> {
  const zone = businessZone(run);
  const builtins = {
    ...businessBuiltins(run.scheduleTime, zone),
    ...systemParams({ instanceId: run.id, workflow: run.workflow, task: def.name, attempt }),
  };
  const below = mergeParams(run.params, upstreamOutputs(run, def), builtins);
  const local: Record<string, string> = {};
  for (const [name, value] of Object.entries(def.params))
    local[name] = substituteParams(value, below);
  const merged = mergeParams(run.params, upstreamOutputs(run, def), local, builtins);
  const expanded: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged))
    Object.defineProperty(expanded, name, {
      value: expandDateExpressions(value, run.scheduleTime, zone),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return expanded;
}

/** The command of a SHELL task: `${...}` from `params`, then `$[...]` (DolphinScheduler's order). */
export function taskCommand(
  run: Pick<RunHandle, 'scheduleTime' | 'spec'>,
  def: TaskDefinition,
  params: Record<string, string>,
): string {
  return expandDateExpressions(
    substituteParams(def.command, params),
    run.scheduleTime,
    businessZone(run),
  );
}

/** Outputs of the tasks upstream of `def`, the nearest first (see taskParams). */
function upstreamOutputs(run: ParamsSource, def: TaskDefinition): Record<string, string> {
  const byName = new Map(run.spec.tasks.map((t) => [t.name, t]));
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  let level = [...def.dependsOn];
  while (level.length > 0) {
    const next: string[] = [];
    for (const name of level) {
      if (seen.has(name)) continue;
      seen.add(name);
      const task = run.tasks.get(name);
      if (task?.state === 'SUCCESS' || task?.state === 'FORCED_SUCCESS')
        for (const [key, value] of Object.entries(task.outputs))
          if (!Object.hasOwn(out, key))
            Object.defineProperty(out, key, {
              value,
              enumerable: true,
              writable: true,
              configurable: true,
            });
      next.push(...(byName.get(name)?.dependsOn ?? []));
    }
    level = next;
  }
  return out;
}
