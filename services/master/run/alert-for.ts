import type { AlertEvent, WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import type { WorkflowState } from '../../../shared/domain/workflow-states.js';

/** The alert event an instance's change to `to` is, by itself: its end as SUCCESS and so on. */
export function endAlert(to: WorkflowState): AlertEvent | undefined {
  switch (to) {
    case 'SUCCESS':
    case 'FAILURE':
    case 'SERIAL_DISCARD':
      return to;
    default:
      return undefined;
  }
}

/**
 * `event` if the definition's `alerts.on` names it, else undefined: what a fenced write queues
 * in the alert outbox with its change (a definition without alerts pays no transaction).
 */
export function alertFor(
  spec: WorkflowDefinitionSpec,
  event: AlertEvent | undefined,
): AlertEvent | undefined {
  return event !== undefined && spec.alerts?.on.includes(event) === true ? event : undefined;
}
