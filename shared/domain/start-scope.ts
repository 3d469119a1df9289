import { InvalidArgumentError, NotFoundError } from '../errors.js';
import type { TaskDefinition } from './workflow-spec.js';

/**
 * Which tasks a start from tasks runs (DolphinScheduler's TASK_POST, TASK_ONLY, TASK_PRE):
 * FROM the given tasks and everything downstream of them, ONLY them, or TO them: they and
 * everything upstream.
 */
export const START_SCOPES = ['FROM', 'ONLY', 'TO'] as const;
export type StartScope = (typeof START_SCOPES)[number];

type GraphTask = Pick<TaskDefinition, 'name' | 'dependsOn'>;

/**
 * The tasks of a start-from-tasks run, by name.
 *
 * @throws NotFoundError naming a task the workflow does not have.
 * @throws InvalidArgumentError for an empty list.
 */
export function selectTasks(
  tasks: readonly GraphTask[],
  names: readonly string[],
  scope: StartScope,
  field = 'start_tasks',
): Set<string> {
  if (names.length === 0) throw new InvalidArgumentError(field, 'must name at least one task');
  const byName = new Map(tasks.map((t) => [t.name, t]));
  for (const name of names)
    if (!byName.has(name)) throw new NotFoundError(`the workflow has no task "${name}"`);
  const next = (name: string): string[] => {
    if (scope === 'TO') return [...(byName.get(name)?.dependsOn ?? [])];
    if (scope === 'FROM') return tasks.filter((t) => t.dependsOn.includes(name)).map((t) => t.name);
    return [];
  };
  const out = new Set<string>();
  const todo = [...names];
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    if (out.has(name)) continue;
    out.add(name);
    todo.push(...next(name));
  }
  return out;
}

/** A stored start-tasks column (JSON list) as names; empty when there is none. */
export function parseStoredTasks(value: string | null): string[] {
  if (value === null) return [];
  const parsed: unknown = JSON.parse(value);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}
