import { selectTasks, START_SCOPES, type StartScope } from '../../shared/domain/start-scope.js';
import { InvalidArgumentError } from '../../shared/errors.js';
import { requireOneOf } from '../../shared/grpc/validate.js';
import type { StoredDefinition } from './definitions.js';

/**
 * A start from tasks, checked against the definition.
 * @throws InvalidArgumentError (scope), NotFoundError (a task the workflow lacks)
 */
export function startTasksOf(
  definition: StoredDefinition,
  names: string[],
  scope: string,
): { names: string[]; scope: StartScope } | undefined {
  if (names.length === 0) {
    if (scope !== '') throw new InvalidArgumentError('scope', 'needs start_tasks');
    return undefined;
  }
  const checked = scope === '' ? 'FROM' : requireOneOf(scope, START_SCOPES, 'scope');
  selectTasks(definition.spec.tasks, names, checked);
  return { names: [...new Set(names)], scope: checked };
}
