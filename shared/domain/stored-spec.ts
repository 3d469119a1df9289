import { InternalError } from '../errors.js';
import type { TaskDefinition, WorkflowDefinitionSpec } from './workflow-spec.js';

/** Task fields added after definitions were first stored, with the value an old one means. */
const TASK_FIELD_DEFAULTS: Omit<
  TaskDefinition,
  | 'name'
  | 'type'
  | 'command'
  | 'workflow'
  | 'dependsOn'
  | 'retries'
  | 'retryIntervalMs'
  | 'timeoutMs'
  | 'timeoutStrategy'
  | 'workerGroup'
> = {
  params: {},
  outputs: [],
  condition: null,
  onTrue: [],
  onFalse: [],
  switchCases: [],
  switchDefault: null,
  dependOn: null,
};

/**
 * A definition as stored in `workflow_versions.spec` (normalized JSON, validated when it was
 * applied). Versions stored before a field existed get that field's neutral value, so every
 * reader sees the current shape.
 * @throws InternalError when the column is not JSON of a definition (a corrupt row).
 */
export function parseStoredSpec(json: string): WorkflowDefinitionSpec {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new InternalError('stored definition is not JSON', { cause: err });
  }
  const spec = value as WorkflowDefinitionSpec | null;
  if (spec === null || typeof spec !== 'object' || !Array.isArray(spec.tasks))
    throw new InternalError('stored definition has no task list');
  return {
    ...spec,
    tasks: spec.tasks.map((task) => ({ ...TASK_FIELD_DEFAULTS, ...task })),
  };
}
