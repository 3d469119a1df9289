import { InternalError } from '../errors.js';
import { withScheduleDefaults } from './schedule.js';
import { languageFieldsUnused, type WorkflowDefinitionSpec } from './workflow-spec.js';

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
    schedule: spec.schedule ? withScheduleDefaults(spec.schedule) : null,
    // Stored before alerts existed (migration 0016): none.
    alerts: spec.alerts ?? null,
    tasks: spec.tasks.map((task) => ({ ...languageFieldsUnused(), ...task })),
  };
}
