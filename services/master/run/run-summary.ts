import type { WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import { isFinalFailure } from './dag-planner.js';
import { progressOf, type TaskRun } from './run-model.js';

export type EndState = 'SUCCESS' | 'FAILURE' | 'STOP' | 'SERIAL_DISCARD';

/** The reason recorded with an instance's terminal state. */
export function endReason(
  to: EndState,
  spec: WorkflowDefinitionSpec,
  tasks: { get(name: string): TaskRun | undefined },
  stopReason: string | null,
): string {
  switch (to) {
    case 'SUCCESS':
      return '';
    case 'STOP':
      return stopReason ?? 'stopped';
    case 'SERIAL_DISCARD':
      return 'discarded by the serial execution type';
    case 'FAILURE': {
      const failed = spec.tasks.filter((t) => {
        const task = tasks.get(t.name);
        return task !== undefined && isFinalFailure(t, progressOf(task));
      });
      return `failed tasks: ${failed.map((t) => t.name).join(', ') || 'none could run'}`;
    }
  }
}
