import type { WorkflowDefinition__Output } from '../../shared/proto/gen/baton/v1/WorkflowDefinition.js';
import type { WorkflowSpec__Output } from '../../shared/proto/gen/baton/v1/WorkflowSpec.js';
import { orNull } from './instance-json.js';

/** A stored definition as JSON, its spec in the YAML form's camelCase (unset fields null). */
export function definitionJson(d: WorkflowDefinition__Output) {
  return {
    name: d.name,
    version: d.version,
    createdAt: orNull(d.created_at),
    nextFireAt: orNull(d.next_fire_at),
    scheduleState: orNull(d.schedule_state),
    spec: d.spec === null ? null : specJson(d.spec),
  };
}

function specJson(s: WorkflowSpec__Output) {
  return {
    name: s.name,
    description: orNull(s.description),
    executionType: s.execution_type,
    timeout: orNull(s.timeout),
    timeoutStrategy: orNull(s.timeout_strategy),
    failureStrategy: orNull(s.failure_strategy),
    params: { ...s.params },
    schedule:
      s.schedule === null
        ? null
        : {
            cron: s.schedule.cron,
            timezone: s.schedule.timezone,
            startAt: orNull(s.schedule.start_at),
            endAt: orNull(s.schedule.end_at),
            missed: orNull(s.schedule.missed),
          },
    alerts: s.alerts === null ? null : { channel: s.alerts.channel, on: [...s.alerts.on] },
    tasks: s.tasks.map((t) => ({
      name: t.name,
      type: t.type,
      command: orNull(t.command),
      workflow: orNull(t.workflow),
      dependsOn: [...t.depends_on],
      retries: t.retries,
      retryInterval: orNull(t.retry_interval),
      timeout: orNull(t.timeout),
      timeoutStrategy: orNull(t.timeout_strategy),
      workerGroup: orNull(t.worker_group),
    })),
  };
}
