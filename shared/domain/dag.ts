/**
 * Validation of a workflow's task graph. An edge `a.dependsOn = [b]` means b must finish
 * before a starts.
 */
import { InvalidArgumentError } from '../errors.js';
import type { TaskDefinition } from './workflow-spec.js';

type DagTask = Pick<TaskDefinition, 'name' | 'dependsOn'>;

/**
 * Checks that the tasks form a DAG: unique names, every `dependsOn` entry names another task of
 * the workflow exactly once, no cycles. Problems are reported in declaration order.
 *
 * @throws InvalidArgumentError with field `tasks[i].name` (duplicate name),
 *   `tasks[i].dependsOn[j]` (unknown task, itself, or listed twice) or `tasks[i].dependsOn` (a
 *   cycle; `i` is the earliest-declared task on it and the message names the cycle, e.g.
 *   `a -> b -> a`, read "a depends on b, which depends on a")
 */
export function validateDag(tasks: readonly DagTask[]): void {
  checkedOrder(tasks);
}

/** Validates the graph by computing a topological order (Kahn's algorithm). */
function checkedOrder(tasks: readonly DagTask[]): string[] {
  const index = new Map<string, number>();
  tasks.forEach((task, i) => {
    if (index.has(task.name)) {
      throw new InvalidArgumentError(`tasks[${i}].name`, `duplicate task name "${task.name}"`);
    }
    index.set(task.name, i);
  });

  // deps[i]: indices task i waits for; dependents[i]: indices waiting for task i.
  const deps: number[][] = tasks.map(() => []);
  const dependents: number[][] = tasks.map(() => []);
  tasks.forEach((task, i) => {
    const seen = new Set<string>();
    task.dependsOn.forEach((dep, j) => {
      const field = `tasks[${i}].dependsOn[${j}]`;
      const target = index.get(dep);
      if (dep === task.name)
        throw new InvalidArgumentError(field, 'a task cannot depend on itself');
      if (seen.has(dep)) throw new InvalidArgumentError(field, `"${dep}" is listed twice`);
      if (target === undefined) throw new InvalidArgumentError(field, `unknown task "${dep}"`);
      seen.add(dep);
      deps[i]?.push(target);
      dependents[target]?.push(i);
    });
  });

  // Kahn's algorithm, always taking the earliest-declared ready task. A linear scan for the next
  // ready task is O(n²), which is fine for the 1000-task default limit and keeps the order obvious.
  const waitingOn = deps.map((list) => list.length);
  const done = tasks.map(() => false);
  const order: string[] = [];
  for (let cursor = 0; cursor < tasks.length;) {
    if (done[cursor] === true || waitingOn[cursor] !== 0) {
      cursor++;
      continue;
    }
    done[cursor] = true;
    order.push(tasks[cursor]?.name ?? '');
    let earliest = cursor + 1;
    for (const dependent of dependents[cursor] ?? []) {
      const left = (waitingOn[dependent] ?? 0) - 1;
      waitingOn[dependent] = left;
      if (left === 0) earliest = Math.min(earliest, dependent);
    }
    cursor = earliest;
  }
  if (order.length < tasks.length) throwCycle(tasks, deps, done);
  return order;
}

/**
 * Every task left undone by Kahn's algorithm waits on another undone task, so following undone
 * dependencies from any of them must revisit a task: that loop is a cycle.
 */
function throwCycle(tasks: readonly DagTask[], deps: number[][], done: boolean[]): never {
  const path: number[] = [];
  const position = new Map<number, number>();
  let current = done.indexOf(false);
  while (!position.has(current)) {
    position.set(current, path.length);
    path.push(current);
    current = deps[current]?.find((dep) => done[dep] === false) ?? -1;
  }
  const cycle = path.slice(position.get(current));
  // Rotate so the cycle starts at its earliest-declared task: the report does not depend on
  // where the walk happened to enter it.
  const first = cycle.indexOf(Math.min(...cycle));
  const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
  const names = [...rotated, rotated[0] ?? -1].map((i) => tasks[i]?.name ?? '?');
  throw new InvalidArgumentError(
    `tasks[${rotated[0]}].dependsOn`,
    `dependency cycle ${names.join(' -> ')}`,
  );
}
