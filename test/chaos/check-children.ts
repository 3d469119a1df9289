/** F2 exactly one child (shared/DESIGN.md), checked on MySQL's instances and task attempts. */
import { clock, groupBy, type Violation } from './evidence.js';
import type { InstanceRecord, TaskRecord } from './history.js';

/** Sub-workflow task states in which the attempt has certainly made its child. */
const CHILD_MADE = ['RUNNING', 'SUCCESS', 'FAILURE'];

/**
 * F2, three ways:
 * - no (parent, task, attempt) has more than one child instance;
 * - a parent task never has two children alive at once: a later attempt's child is created
 *   only after the earlier child ended (a failover re-attaches, it does not start again);
 * - every sub-workflow task attempt that ran has its child, and points at that child; or, in a
 *   later round (a recover or resume), has no child of its own and points at the child of an
 *   earlier round's attempt of the task, which it recovered in place (issue 14).
 */
export function checkExactlyOneChild(
  instances: readonly InstanceRecord[],
  tasks: readonly TaskRecord[],
): Violation[] {
  const violations: Violation[] = [];
  const children = instances.filter((i) => i.parentId !== null);
  const childOf = new Map<string, InstanceRecord>();
  for (const [key, group] of groupBy(children, attemptKeyOf)) {
    childOf.set(key, group[0]!);
    if (group.length > 1) {
      violations.push({
        invariant: 'F2',
        message: `parent ${key} has ${group.length} children: ${group.map((c) => c.id).join(', ')}`,
      });
    }
  }
  for (const [key, group] of groupBy(children, (c) => `${c.parentId} task ${c.parentTask}`)) {
    const sorted = [...group].sort((a, b) => a.createdAt - b.createdAt);
    for (let i = 1; i < sorted.length; i += 1) {
      const earlier = sorted[i - 1]!;
      const later = sorted[i]!;
      if (earlier.endedAt !== null && earlier.endedAt <= later.createdAt) continue;
      const until = earlier.endedAt === null ? 'never ended' : `ended ${clock(earlier.endedAt)}`;
      violations.push({
        invariant: 'F2',
        message: `parent ${key}: child ${later.id} (attempt ${later.parentTaskAttempt}) was created ${clock(later.createdAt)} while child ${earlier.id} (attempt ${earlier.parentTaskAttempt}) still ran (${until})`,
      });
    }
  }
  const attemptsOf = groupBy(tasks, (t) => `${t.instanceId} ${t.task}`);
  for (const task of tasks) {
    if (task.type !== 'SUB_WORKFLOW') continue;
    const key = `${task.instanceId} task ${task.task} attempt ${task.attempt}`;
    const child = childOf.get(key);
    if (child === undefined && reattached(task, attemptsOf, childOf)) continue;
    if (child === undefined && CHILD_MADE.includes(task.state)) {
      violations.push({
        invariant: 'F2',
        message: `parent ${key} is ${task.state} without a child`,
      });
    } else if (
      child !== undefined &&
      task.childInstanceId !== null &&
      task.childInstanceId !== child.id
    ) {
      violations.push({
        invariant: 'F2',
        message: `parent ${key} points at child ${task.childInstanceId}, but its child is ${child.id}`,
      });
    }
  }
  return violations;
}

/** The attempt points at the child of an attempt of an earlier round of the same task. */
function reattached(
  task: TaskRecord,
  attemptsOf: ReadonlyMap<string, TaskRecord[]>,
  childOf: ReadonlyMap<string, InstanceRecord>,
): boolean {
  if (task.childInstanceId === null) return false;
  return (attemptsOf.get(`${task.instanceId} ${task.task}`) ?? []).some(
    (earlier) =>
      earlier.round < task.round &&
      childOf.get(`${task.instanceId} task ${task.task} attempt ${earlier.attempt}`)?.id ===
        task.childInstanceId,
  );
}

function attemptKeyOf(child: InstanceRecord): string {
  return `${child.parentId} task ${child.parentTask} attempt ${child.parentTaskAttempt}`;
}
