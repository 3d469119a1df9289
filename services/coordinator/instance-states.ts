import { sql } from 'kysely';
import type { Db } from '../../shared/db/connect.js';
import { queueTicketOf } from '../../shared/instances/queue-ticket.js';
import type { Admission } from '../../shared/serial/serial-values.js';
import { isTerminalWorkflowState, isWorkflowState } from '../../shared/domain/workflow-states.js';

/**
 * What MySQL — the durable record — says about instances. The coordinator never frees a slot
 * or admits an entry on an instance's word alone: a holder is released only once MySQL shows
 * it ended (so a hand-off can never overlap a holder that is still stopping, DolphinScheduler
 * #16369), and an entry whose instance has ended is dropped, not admitted. An instance carried
 * on in place has a new queue ticket; the slot or entry of its earlier round (its old ticket)
 * counts as ended, since a reopen is only ever committed after the earlier round's end.
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

  /** True when `admission` is stale (see `stale`): it holds nothing any more. */
  async isStale(admission: Admission): Promise<boolean> {
    return (await this.stale([admission])).has(admission.ticket);
  }

  /**
   * The stale tickets among `admissions`: the instance ended (or is missing: nothing will run
   * it), or it has been carried on in place since and waits under another ticket (what etcd
   * holds under the old one is left over from the round that ended).
   */
  async stale(admissions: readonly Admission[]): Promise<Set<string>> {
    if (admissions.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('workflow_instances')
      .select(['id', 'state', 'queue_ticket'])
      .where('id', 'in', [...new Set(admissions.map((a) => a.instanceId))])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return new Set(
      admissions
        .filter((a) => {
          const row = byId.get(a.instanceId);
          return row === undefined || isEnded(row.state) || queueTicketOf(row) !== a.ticket;
        })
        .map((a) => a.ticket),
    );
  }

  /**
   * The lowest queue ticket of a recently admitted SERIAL_WAIT instance of the definition that
   * is not queued yet (still SUBMITTED): created, or carried on in place (its ticket drawn),
   * less than `gapWaitMs` ago. A queue head with a higher ticket waits for it, so instances run
   * in the order of admission even when their masters enqueue them out of order; after
   * `gapWaitMs` the head stops waiting (liveness wins over order).
   */
  async lowestUnqueued(workflow: string): Promise<string | undefined> {
    const since = new Date(Date.now() - this.gapWaitMs);
    const row = await this.db
      .selectFrom('workflow_instances')
      .select(sql<string | null>`MIN(COALESCE(queue_ticket, id))`.as('ticket'))
      .where('workflow', '=', workflow)
      .where('state', '=', 'SUBMITTED')
      .where('execution_type', '=', 'SERIAL_WAIT')
      .where((eb) =>
        eb.or([
          eb.and([eb('queue_ticket', 'is', null), eb('created_at', '>=', since)]),
          eb('queue_ticket_at', '>=', since),
        ]),
      )
      .executeTakeFirst();
    return row?.ticket ?? undefined;
  }
}

/** Ended, or missing (nothing will ever run a missing instance). */
export function isEnded(state: string | undefined): boolean {
  return state === undefined || (isWorkflowState(state) && isTerminalWorkflowState(state));
}
