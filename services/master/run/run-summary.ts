import type { WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import { unhandledFailures, type TaskProgress } from './dag-planner.js';

export type EndState = 'SUCCESS' | 'FAILURE' | 'STOP' | 'SERIAL_DISCARD';

/** The reason recorded with an instance's terminal state. */
export function endReason(
  to: EndState,
  spec: WorkflowDefinitionSpec,
  progress: ReadonlyMap<string, TaskProgress>,
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
      const failed = unhandledFailures(spec, progress);
      return `failed tasks: ${failed.join(', ') || 'none could run'}`;
    }
  }
}
