import { formatDuration } from '../../shared/domain/duration.js';
import type { WorkflowDefinitionSpec } from '../../shared/domain/workflow-spec.js';
import type {
  WorkflowSpec,
  WorkflowSpec__Output,
} from '../../shared/proto/gen/baton/v1/WorkflowSpec.js';

/**
 * The gRPC `WorkflowSpec` in the YAML form's shape (camelCase), so one validator checks both.
 * Proto3 cannot tell an unset field from an empty one: empty strings, empty lists and empty
 * maps are treated as absent.
 */
export function specInputFromProto(spec: WorkflowSpec__Output): Record<string, unknown> {
  return compact({
    name: spec.name,
    description: spec.description,
    executionType: spec.execution_type,
    timeout: spec.timeout,
    timeoutStrategy: spec.timeout_strategy,
    failureStrategy: spec.failure_strategy,
    params: Object.keys(spec.params).length === 0 ? undefined : spec.params,
    schedule:
      spec.schedule === null || spec.schedule.cron === ''
        ? undefined
        : compact({
            cron: spec.schedule.cron,
            timezone: spec.schedule.timezone,
            startAt: spec.schedule.start_at,
            endAt: spec.schedule.end_at,
            missed: spec.schedule.missed,
          }),
    alerts:
      spec.alerts === null || (spec.alerts.channel === '' && spec.alerts.on.length === 0)
        ? undefined
        : compact({
            channel: spec.alerts.channel,
            on: spec.alerts.on.length === 0 ? undefined : spec.alerts.on,
          }),
    tasks: spec.tasks.map((t) =>
      compact({
        name: t.name,
        type: t.type,
        command: t.command,
        workflow: t.workflow,
        dependsOn: t.depends_on.length === 0 ? undefined : t.depends_on,
        retries: t.retries === 0 ? undefined : t.retries,
        retryInterval: t.retry_interval,
        timeout: t.timeout,
        timeoutStrategy: t.timeout_strategy,
        workerGroup: t.worker_group,
        params: Object.keys(t.params).length === 0 ? undefined : t.params,
        outputs: t.outputs.length === 0 ? undefined : t.outputs,
        condition: relationFromProto(t.condition),
        onTrue: t.on_true.length === 0 ? undefined : t.on_true,
        onFalse: t.on_false.length === 0 ? undefined : t.on_false,
        switch: t.switch.length === 0 ? undefined : t.switch.map((c) => ({ ...c })),
        default: t.default,
        dependOn: relationFromProto(
          t.depend_on === null
            ? null
            : {
                all: t.depend_on.all.map((i) => compact({ ...i })),
                any: t.depend_on.any.map((i) => compact({ ...i })),
              },
        ),
        checkInterval: t.check_interval,
        taskGroup: t.task_group,
        // Proto3 cannot tell 0 from unset; 0 is the default priority, so it is left out.
        taskGroupPriority: t.task_group_priority === 0 ? undefined : t.task_group_priority,
      }),
    ),
  });
}

/** `{ all }` or `{ any }` as YAML writes it; unset or both empty: absent. */
function relationFromProto<T>(
  relation: { all: T[]; any: T[] } | null,
): Record<string, T[]> | undefined {
  if (relation === null) return undefined;
  const out: Record<string, T[]> = {};
  if (relation.all.length > 0) out.all = relation.all;
  if (relation.any.length > 0) out.any = relation.any;
  return Object.keys(out).length === 0 ? undefined : out;
}

function relationToProto<T>(relation: { relation: 'all' | 'any'; items: T[] } | null) {
  if (relation === null) return null;
  return relation.relation === 'all'
    ? { all: relation.items, any: [] }
    : { all: [], any: relation.items };
}

function compact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ''));
}

/** A stored definition back in its wire form (durations spelled canonically). */
export function specToProto(spec: WorkflowDefinitionSpec): WorkflowSpec {
  return {
    name: spec.name,
    description: spec.description,
    execution_type: spec.executionType,
    timeout: spec.timeoutMs === null ? '' : formatDuration(spec.timeoutMs),
    timeout_strategy: spec.timeoutStrategy,
    failure_strategy: spec.failureStrategy,
    params: spec.params,
    schedule: spec.schedule
      ? {
          cron: spec.schedule.cron,
          timezone: spec.schedule.timezone,
          start_at: spec.schedule.startAt ?? '',
          end_at: spec.schedule.endAt ?? '',
          missed: spec.schedule.missed,
        }
      : null,
    alerts: spec.alerts ? { channel: spec.alerts.channel, on: spec.alerts.on } : null,
    tasks: spec.tasks.map((t) => ({
      name: t.name,
      type: t.type,
      command: t.command,
      workflow: t.workflow,
      depends_on: t.dependsOn,
      retries: t.retries,
      retry_interval: formatDuration(t.retryIntervalMs),
      timeout: t.timeoutMs === null ? '' : formatDuration(t.timeoutMs),
      timeout_strategy: t.timeoutStrategy,
      worker_group: t.workerGroup,
      params: t.params,
      outputs: t.outputs,
      condition: relationToProto(t.condition),
      on_true: t.onTrue,
      on_false: t.onFalse,
      switch: t.switchCases,
      default: t.switchDefault ?? '',
      depend_on: relationToProto(
        t.dependOn === null
          ? null
          : {
              relation: t.dependOn.relation,
              items: t.dependOn.items.map((i) => ({ ...i, task: i.task ?? '' })),
            },
      ),
      check_interval: t.dependOn === null ? '' : formatDuration(t.dependOn.checkIntervalMs),
      task_group: t.taskGroup ?? '',
      task_group_priority: t.taskGroupPriority,
    })),
  };
}
