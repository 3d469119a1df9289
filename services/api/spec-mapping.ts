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
        : compact({ cron: spec.schedule.cron, timezone: spec.schedule.timezone }),
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
      }),
    ),
  });
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
    // Stored before schedules existed: no schedule.
    schedule: spec.schedule ? { cron: spec.schedule.cron, timezone: spec.schedule.timezone } : null,
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
    })),
  };
}
