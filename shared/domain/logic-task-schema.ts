/**
 * The zod pieces of the logic task types the master runs itself (CONDITIONS, SWITCH, DEPENDENT)
 * and the rule of which task fields each type takes. Graph rules (a branch names a task that
 * depends on its CONDITIONS or SWITCH task) are in `branch-rules.ts`, run after the DAG check.
 */
import { z } from 'zod';
import { DEPENDENT_CYCLES, isDependentDate } from './business-time/dependent-window.js';
import { findDateExpressionError } from './business-time/date-expressions.js';
import { conditionSyntaxError } from './expressions/condition-syntax.js';
import type { TaskType } from './workflow-spec.js';

const taskName = z.string().min(1);

const conditionItem = z.strictObject({
  task: taskName,
  state: z.enum(['SUCCESS', 'FAILURE']),
});

/** `{ all: [...] }` or `{ any: [...] }`: exactly one of the two keys, with at least one item. */
function relationOf<T extends z.ZodType>(item: T, what: string) {
  return z
    .strictObject({ all: z.array(item).min(1).optional(), any: z.array(item).min(1).optional() })
    .superRefine((value, ctx) => {
      if ((value.all === undefined) === (value.any === undefined))
        ctx.addIssue(`must have exactly one of "all" or "any" (a list of ${what})`);
    })
    .transform((value) =>
      value.all !== undefined
        ? { relation: 'all' as const, items: value.all }
        : { relation: 'any' as const, items: value.any ?? [] },
    );
}

export const conditionSchema = relationOf(conditionItem, '{ task, state }');

export const switchCaseSchema = z.strictObject({
  when: z
    .string()
    .min(1)
    .superRefine((when, ctx) => {
      const problem = conditionSyntaxError(when);
      if (problem !== undefined) ctx.addIssue(problem);
    }),
  next: taskName,
});

const dependentItem = z
  .strictObject({
    workflow: z.string().min(1),
    task: z.string().min(1).optional(),
    cycle: z.enum(DEPENDENT_CYCLES),
    date: z.string().min(1),
  })
  .superRefine((item, ctx) => {
    if (!isDependentDate(item.cycle, item.date))
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        message: `"${item.date}" is not a date value of cycle ${item.cycle}`,
      });
  })
  .transform((item) => ({
    workflow: item.workflow,
    task: item.task ?? null,
    cycle: item.cycle,
    date: item.date,
  }));

export const dependOnSchema = relationOf(dependentItem, '{ workflow, task?, cycle, date }');

/** A string field whose `$[...]` date expressions must be well formed. */
export function dateExpressionsChecked<T extends z.ZodType<string>>(field: T) {
  return field.superRefine((text, ctx) => {
    const problem = findDateExpressionError(text);
    if (problem !== undefined) ctx.addIssue(problem);
  });
}

/** The optional task fields, and the types that take each; a field on another type is refused. */
const FIELDS_BY_TYPE = {
  command: ['SHELL'],
  workflow: ['SUB_WORKFLOW'],
  outputs: ['SHELL', 'SUB_WORKFLOW'],
  condition: ['CONDITIONS'],
  onTrue: ['CONDITIONS'],
  onFalse: ['CONDITIONS'],
  switch: ['SWITCH'],
  default: ['SWITCH'],
  dependOn: ['DEPENDENT'],
  checkInterval: ['DEPENDENT'],
  // A slot is held while a worker runs the task; logic tasks run on the master and hold none.
  taskGroup: ['SHELL'],
  taskGroupPriority: ['SHELL'],
} as const satisfies Record<string, readonly TaskType[]>;

/** What each type cannot do without. */
const REQUIRED_BY_TYPE: Record<TaskType, keyof typeof FIELDS_BY_TYPE> = {
  SHELL: 'command',
  SUB_WORKFLOW: 'workflow',
  CONDITIONS: 'condition',
  SWITCH: 'switch',
  DEPENDENT: 'dependOn',
};

/**
 * The first field problem of a task of `type`: a field its type does not take, or the one it
 * needs missing. Returns the field and the message, or undefined.
 */
export function taskFieldProblem(
  type: TaskType,
  present: Partial<Record<keyof typeof FIELDS_BY_TYPE, unknown>>,
): { field: string; message: string } | undefined {
  for (const [field, types] of Object.entries(FIELDS_BY_TYPE)) {
    const value = present[field as keyof typeof FIELDS_BY_TYPE];
    if (value !== undefined && !(types as readonly TaskType[]).includes(type))
      return { field, message: `not allowed on a ${type} task` };
  }
  const required = REQUIRED_BY_TYPE[type];
  if (present[required] === undefined)
    return { field: required, message: `is required for a ${type} task` };
  return undefined;
}
