/**
 * The zod schema for a workflow definition as users write it (YAML, camelCase keys) or as the API
 * layer passes it on from gRPC. Parsing with it checks structure, types, patterns, sizes and the
 * per-type task rules, fills in defaults and produces the normalized {@link WorkflowDefinitionSpec}.
 * Graph checks (unknown or cyclic dependencies) live in `dag.ts`; `definition-parse.ts` runs both.
 */
import { z } from 'zod';
import { scheduleSchema } from './schedule.js';

import { InvalidArgumentError } from '../errors.js';
import {
  DEFAULT_DEFINITION_LIMITS,
  formatBytes,
  paramsLimitProblem,
  utf8Bytes,
  type DefinitionLimits,
} from './definition-limits.js';
import { parseDuration } from './duration.js';
import {
  conditionSchema,
  dateExpressionsChecked,
  dependOnSchema,
  switchCaseSchema,
  taskFieldProblem,
} from './logic-task-schema.js';
import { PARAM_NAME_PATTERN, SYSTEM_PARAM_PREFIX } from './params.js';
import {
  ALERT_EVENTS,
  EXECUTION_TYPES,
  FAILURE_STRATEGIES,
  TASK_TIMEOUT_STRATEGIES,
  TASK_TYPES,
  WORKFLOW_TIMEOUT_STRATEGIES,
  type TaskDefinition,
  type WorkflowDefinitionSpec,
} from './workflow-spec.js';

/** Workflow, task and worker-group names. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Limits that are not settings: they bound fields no deployment has reason to grow. */
export const LIMITS = {
  descriptionBytes: 4 * 1024,
  retries: 100,
  outputs: 100,
  switchCases: 100,
} as const;

/** How often a DEPENDENT task looks at its upstream runs unless it says (DolphinScheduler's). */
const DEFAULT_CHECK_INTERVAL_MS = 10_000;

const name = z.string().regex(NAME_PATTERN, {
  error: `must match ${NAME_PATTERN.source}`,
});

function maxBytes(limit: number): z.ZodString {
  return z.string().refine((text) => utf8Bytes(text) <= limit, {
    error: `must be at most ${formatBytes(limit)}`,
  });
}

/**
 * A duration string (`30s`, `1h30m`) turned into milliseconds. Numbers go through the same parser
 * so a bare `10` gets the "add a unit" message rather than a type error.
 */
function duration(kind: 'timeout' | 'interval') {
  return z.unknown().transform((value, ctx): number => {
    if (typeof value !== 'string' && typeof value !== 'number') {
      ctx.addIssue('must be a duration string, e.g. 30s, 1h30m, 250ms');
      return z.NEVER;
    }
    let ms: number;
    try {
      ms = parseDuration(String(value), '');
    } catch (err) {
      if (!(err instanceof InvalidArgumentError)) throw err;
      ctx.addIssue(err.detail);
      return z.NEVER;
    }
    if (kind === 'timeout' && ms === 0) {
      ctx.addIssue('must be greater than 0 (leave it out for no timeout)');
      return z.NEVER;
    }
    return ms;
  });
}

/** Param values are strings; YAML numbers and booleans are accepted and converted with String(). */
const paramValue = z.unknown().transform((value, ctx): string => {
  const text =
    typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
      ? String(value)
      : value;
  if (typeof text !== 'string') {
    ctx.addIssue('must be a string (numbers and booleans are converted)');
    return z.NEVER;
  }
  return text;
});

const paramName = z
  .string()
  .regex(PARAM_NAME_PATTERN, { error: `must match ${PARAM_NAME_PATTERN.source}` })
  .refine((key) => !key.startsWith(SYSTEM_PARAM_PREFIX), {
    error: `names starting with "${SYSTEM_PARAM_PREFIX}" are reserved for Baton`,
  });

const paramsSchema = (limits: DefinitionLimits) =>
  z
    .unknown()
    // zod's record silently drops a `__proto__` key (it cannot be assigned as data); refuse it.
    .superRefine((value, ctx) => {
      if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
        ctx.addIssue({ code: 'custom', path: ['__proto__'], message: 'invalid key: reserved' });
      }
    })
    .pipe(
      z.record(paramName, paramValue).superRefine((record, ctx) => {
        const problem = paramsLimitProblem(record, limits);
        if (problem !== undefined) ctx.addIssue(problem);
      }),
    );

const taskSchema = (limits: DefinitionLimits) =>
  z
    .strictObject({
      name,
      type: z.enum(TASK_TYPES),
      command: dateExpressionsChecked(maxBytes(limits.commandBytes)).optional(),
      workflow: name.optional(),
      dependsOn: z
        .array(z.string())
        .max(limits.tasks)
        .default(() => []),
      retries: z.int().min(0).max(LIMITS.retries).default(0),
      retryInterval: duration('interval').optional(),
      timeout: duration('timeout').optional(),
      timeoutStrategy: z.enum(TASK_TIMEOUT_STRATEGIES).default('FAIL'),
      workerGroup: name.default('default'),
      params: paramsSchema(limits).optional(),
      outputs: z.array(paramName).max(LIMITS.outputs).optional(),
      condition: conditionSchema.optional(),
      onTrue: z.array(z.string()).max(limits.tasks).optional(),
      onFalse: z.array(z.string()).max(limits.tasks).optional(),
      switch: z.array(switchCaseSchema).min(1).max(LIMITS.switchCases).optional(),
      default: z.string().min(1).optional(),
      dependOn: dependOnSchema.optional(),
      checkInterval: duration('timeout').optional(),
      taskGroup: name.optional(),
      taskGroupPriority: z.int().min(0).max(9).optional(),
    })
    .superRefine((task, ctx) => {
      const problem = taskFieldProblem(task.type, task);
      if (problem !== undefined) {
        ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
        return;
      }
      if (task.taskGroupPriority !== undefined && task.taskGroup === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['taskGroupPriority'],
          message: 'is only allowed with taskGroup',
        });
      if (task.command !== undefined && task.command.trim() === '')
        ctx.addIssue({ code: 'custom', path: ['command'], message: 'must not be empty' });
      const outputs = task.outputs ?? [];
      const twice = outputs.findIndex((o, i) => outputs.indexOf(o) !== i);
      if (twice >= 0)
        ctx.addIssue({ code: 'custom', path: ['outputs', twice], message: 'is listed twice' });
    })
    .transform((task): TaskDefinition => ({
      name: task.name,
      type: task.type,
      command: task.command ?? '',
      workflow: task.workflow ?? '',
      dependsOn: task.dependsOn,
      retries: task.retries,
      retryIntervalMs: task.retryInterval ?? 0,
      timeoutMs: task.timeout ?? null,
      timeoutStrategy: task.timeoutStrategy,
      workerGroup: task.workerGroup,
      params: task.params ?? {},
      outputs: task.outputs ?? [],
      condition: task.condition ?? null,
      onTrue: task.onTrue ?? [],
      onFalse: task.onFalse ?? [],
      switchCases: task.switch ?? [],
      switchDefault: task.default ?? null,
      dependOn:
        task.dependOn === undefined
          ? null
          : { ...task.dependOn, checkIntervalMs: task.checkInterval ?? DEFAULT_CHECK_INTERVAL_MS },
      taskGroup: task.taskGroup ?? null,
      taskGroupPriority: task.taskGroupPriority ?? 0,
    }));

/** `alerts: { channel, on }`; whether the channel exists is checked when it is applied. */
const alertsSchema = z
  .strictObject({
    channel: name,
    on: z.array(z.enum(ALERT_EVENTS)).min(1, { error: 'name at least one event' }),
  })
  .superRefine((alerts, ctx) => {
    const twice = alerts.on.findIndex((e, i) => alerts.on.indexOf(e) !== i);
    if (twice >= 0)
      ctx.addIssue({ code: 'custom', path: ['on', twice], message: 'is listed twice' });
  });

const schemas = new WeakMap<DefinitionLimits, ReturnType<typeof buildWorkflowSchema>>();

/**
 * Structural schema of a workflow definition under `limits`. Its output is a complete,
 * normalized {@link WorkflowDefinitionSpec} whose task graph has NOT been checked yet. Built once
 * per limits object (the api's come from its environment, once).
 */
export function workflowSchema(limits: DefinitionLimits = DEFAULT_DEFINITION_LIMITS) {
  let schema = schemas.get(limits);
  if (schema === undefined) {
    schema = buildWorkflowSchema(limits);
    schemas.set(limits, schema);
  }
  return schema;
}

const buildWorkflowSchema = (limits: DefinitionLimits) =>
  z
    .strictObject({
      name,
      description: maxBytes(LIMITS.descriptionBytes).default(''),
      executionType: z.enum(EXECUTION_TYPES).default('PARALLEL'),
      timeout: duration('timeout').optional(),
      timeoutStrategy: z.enum(WORKFLOW_TIMEOUT_STRATEGIES).default('STOP'),
      failureStrategy: z.enum(FAILURE_STRATEGIES).default('CONTINUE'),
      params: paramsSchema(limits).default(() => ({})),
      schedule: scheduleSchema.optional(),
      alerts: alertsSchema.optional(),
      tasks: z
        .array(taskSchema(limits))
        .min(1)
        .max(limits.tasks, { error: `at most ${limits.tasks} tasks allowed` }),
    })
    .transform((workflow): WorkflowDefinitionSpec => ({
      name: workflow.name,
      description: workflow.description,
      executionType: workflow.executionType,
      timeoutMs: workflow.timeout ?? null,
      timeoutStrategy: workflow.timeoutStrategy,
      failureStrategy: workflow.failureStrategy,
      params: workflow.params,
      schedule: workflow.schedule ?? null,
      alerts: workflow.alerts ?? null,
      tasks: workflow.tasks,
    }));
