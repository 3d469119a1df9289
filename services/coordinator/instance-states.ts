import type { Db } from '../../shared/db/connect.js';
import { isTerminalWorkflowState, isWorkflowState } from '../../shared/domain/workflow-states.js';

/**
 * What MySQL — the durable record — says about instances. The coordinator never frees a slot
 * or admits an entry on an instance's word alone: a holder is released only once MySQL shows
 * it ended (so a hand-off can never overlap a holder that is still stopping, DolphinScheduler
 * #16369), and an entry whose instance has ended is dropped, not admitted.
 */
export class InstanceStates {
  constructor(
    private readonly db: Db,
    private readonly gapWaitMs: number,
  ) {}

  /** The instance's state, or undefined when there is no such instance. */
  async state(instanceId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('workflow_instances')
      .select('state')
      .where('id', '=', instanceId)
      .executeTakeFirst();
    return row?.state;
  }

  /** True when the instance has ended (or does not exist: nothing will ever run it). */
  async hasEnded(instanceId: string): Promise<boolean> {
    return isEnded(await this.state(instanceId));
  }

  /** Ended instances among `ids` (missing ones count as ended). */
  async ended(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('workflow_instances')
      .select(['id', 'state'])
      .where('id', 'in', [...ids])
      .execute();
    const states = new Map(rows.map((r) => [r.id, r.state]));
    return new Set(ids.filter((id) => isEnded(states.get(id))));
  }

  /**
   * The earliest recently submitted SERIAL_WAIT instance of the definition that is not queued
   * yet (still SUBMITTED). A queue head submitted after it waits for it, so instances run in
   * submission order even when their masters enqueue them out of order; after `gapWaitMs` the
   * head stops waiting (liveness wins over order).
   */
  async lowestUnqueued(workflow: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('workflow_instances')
      .select((eb) => eb.fn.min('id').as('id'))
      .where('workflow', '=', workflow)
      .where('state', '=', 'SUBMITTED')
      .where('execution_type', '=', 'SERIAL_WAIT')
      .where('created_at', '>=', new Date(Date.now() - this.gapWaitMs))
      .executeTakeFirst();
    return row?.id ?? undefined;
  }
}

/** Ended, or missing (nothing will ever run a missing instance). */
export function isEnded(state: string | undefined): boolean {
  return state === undefined || (isWorkflowState(state) && isTerminalWorkflowState(state));
}
