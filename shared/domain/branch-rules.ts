/**
 * The graph rules of branching tasks, checked after the DAG itself (names unique, no cycles):
 * a CONDITIONS task tests only its own dependencies, and every branch a CONDITIONS or SWITCH
 * task can take names a task that depends on it. Without the second rule a branch could name a
 * task the decision never gates, and "skip the other branch" would mean nothing.
 */
import { InvalidArgumentError } from '../errors.js';
import type { TaskDefinition } from './workflow-spec.js';

/** @throws InvalidArgumentError naming the first offending field, e.g. `tasks[1].onTrue[0]`. */
export function validateBranches(tasks: readonly TaskDefinition[]): void {
  tasks.forEach((task, i) => {
    const dependents = new Set(
      tasks.filter((t) => t.dependsOn.includes(task.name)).map((t) => t.name),
    );
    const mustDepend = (field: string, target: string): void => {
      if (!dependents.has(target))
        throw new InvalidArgumentError(
          `tasks[${i}].${field}`,
          `"${target}" must be a task that depends on ${task.name} (dependsOn: [${task.name}])`,
        );
    };
    if (task.type === 'CONDITIONS') {
      const relation = task.condition?.relation ?? 'all';
      task.condition?.items.forEach((item, j) => {
        if (!task.dependsOn.includes(item.task))
          throw new InvalidArgumentError(
            `tasks[${i}].condition.${relation}[${j}].task`,
            `"${item.task}" is not in dependsOn of ${task.name}`,
          );
      });
      task.onTrue.forEach((target, j) => mustDepend(`onTrue[${j}]`, target));
      task.onFalse.forEach((target, j) => {
        mustDepend(`onFalse[${j}]`, target);
        if (task.onTrue.includes(target))
          throw new InvalidArgumentError(
            `tasks[${i}].onFalse[${j}]`,
            `"${target}" is in onTrue too: a branch is one or the other`,
          );
      });
    }
    if (task.type === 'SWITCH') {
      task.switchCases.forEach((c, j) => mustDepend(`switch[${j}].next`, c.next));
      if (task.switchDefault !== null) mustDepend('default', task.switchDefault);
    }
  });
}

/**
 * The tasks a decision of `task` can gate (its branch targets): a dependent not among them
 * simply runs after it, as after any task.
 */
export function branchTargets(task: TaskDefinition): string[] {
  if (task.type === 'CONDITIONS') return [...task.onTrue, ...task.onFalse];
  if (task.type === 'SWITCH') {
    const targets = task.switchCases.map((c) => c.next);
    if (task.switchDefault !== null) targets.push(task.switchDefault);
    return [...new Set(targets)];
  }
  return [];
}
