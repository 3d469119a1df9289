/**
 * How a DEPENDENT task decides, following DolphinScheduler's `DependentUtils`
 * `getDependResultForRelation`: an item's result from the upstream instance that counts, then
 * items and groups combined by `all` (DS's AND) or `any` (DS's OR).
 */

import { isTerminalWorkflowState, type WorkflowState } from '../workflow-states.js';

export type DependentResult = 'SUCCESS' | 'FAILURE' | 'WAITING';

/**
 * An item's result from the state of the newest upstream instance in its window: WAITING while
 * there is none or it has not ended, SUCCESS when it ended SUCCESS, FAILURE for any other end
 * (FAILURE, STOP, SERIAL_DISCARD).
 */
export function dependentItemResult(newest: WorkflowState | undefined): DependentResult {
  if (newest === undefined || !isTerminalWorkflowState(newest)) return 'WAITING';
  return newest === 'SUCCESS' ? 'SUCCESS' : 'FAILURE';
}

/**
 * DS's combination. `all`: a FAILURE decides at once (nothing still waiting can save it), else
 * any WAITING waits, else SUCCESS. `any`: a SUCCESS decides at once, else any WAITING waits,
 * else FAILURE. As in DS, no results at all give SUCCESS for `all` and FAILURE for `any`.
 */
export function combineDependent(
  relation: 'all' | 'any',
  results: readonly DependentResult[],
): DependentResult {
  const decisive = relation === 'all' ? 'FAILURE' : 'SUCCESS';
  if (results.includes(decisive)) return decisive;
  if (results.includes('WAITING')) return 'WAITING';
  return relation === 'all' ? 'SUCCESS' : 'FAILURE';
}
