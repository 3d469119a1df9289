/** Definition builders for the run's unit tests (planner and instance run alike). */
import {
  languageFieldsUnused,
  type TaskDefinition,
  type WorkflowDefinitionSpec,
} from '../../../../shared/domain/workflow-spec.js';

export function task(name: string, extra: Partial<TaskDefinition> = {}): TaskDefinition {
  return {
    name,
    type: 'SHELL',
    command: `echo ${name}`,
    workflow: '',
    dependsOn: [],
    retries: 0,
    retryIntervalMs: 0,
    timeoutMs: null,
    timeoutStrategy: 'FAIL',
    workerGroup: 'default',
    ...languageFieldsUnused(),
    ...extra,
  };
}

export function spec(tasks: TaskDefinition[], extra: Partial<WorkflowDefinitionSpec> = {}) {
  return {
    name: 'wf',
    description: '',
    executionType: 'PARALLEL',
    timeoutMs: null,
    timeoutStrategy: 'STOP',
    failureStrategy: 'CONTINUE',
    params: {},
    schedule: null,
    alerts: null,
    tasks,
    ...extra,
  } satisfies WorkflowDefinitionSpec;
}
