import type { InstanceRow } from '../../../shared/db/schema.js';
import {
  parseStoredTasks,
  selectTasks,
  START_SCOPES,
  type StartScope,
} from '../../../shared/domain/start-scope.js';
import type { WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';

/**
 * The tasks a start from tasks runs, from the instance's row (checked by the api when it was
 * recorded); undefined when it was started whole.
 */
export function selectionOf(
  spec: WorkflowDefinitionSpec,
  row: Pick<InstanceRow, 'start_tasks' | 'start_scope'>,
): Set<string> | undefined {
  const names = parseStoredTasks(row.start_tasks);
  if (names.length === 0) return undefined;
  const scope = (START_SCOPES as readonly string[]).includes(row.start_scope ?? '')
    ? (row.start_scope as StartScope)
    : 'FROM';
  const known = new Set(spec.tasks.map((t) => t.name));
  const kept = names.filter((n) => known.has(n));
  return kept.length === 0 ? undefined : selectTasks(spec.tasks, kept, scope);
}
