import { sql } from 'kysely';
import type { Db } from '../../../shared/db/connect.js';
import { OWNED_WORKFLOW_STATES } from '../../../shared/domain/workflow-states.js';

/**
 * The reads of the instance tables that ownership and the master's handlers make: who needs
 * an owner, what was asked of owned instances, and what a refused report was about. Reads
 * only; every write is InstanceStore's or ClaimStore's, fenced.
 */
export class InstanceQueries {
  constructor(private readonly db: Db) {}

  /** Unfinished instances whose recorded owner is `owner` (a master that left). */
  async unfinishedOwnedBy(owner: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('workflow_instances')
      .select('id')
      .where('owner', '=', owner)
      .where('state', 'in', [...OWNED_WORKFLOW_STATES])
      .execute();
    return rows.map((r) => r.id);
  }

  /** Starts recorded before `createdBefore` that no master claimed (their push was lost). */
  async unpushedStarts(createdBefore: Date, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('workflow_instances')
      .select('id')
      .where('state', '=', 'SUBMITTED')
      .where('created_at', '<', createdBefore)
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Unfinished instances of `owner` with a stop request, and its reason. */
  async stopRequestsOf(owner: string): Promise<Map<string, string | null>> {
    const rows = await this.db
      .selectFrom('workflow_instances')
      .select(['id', 'stop_reason'])
      .where('owner', '=', owner)
      .where('stop_requested', '=', 1)
      .where('state', 'in', [...OWNED_WORKFLOW_STATES])
      .execute();
    return new Map(rows.map((r) => [r.id, r.stop_reason]));
  }

  /** Unfinished instances of `owner` with a pause request (see shared/instances/request-pause.ts). */
  async pauseRequestsOf(owner: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('workflow_instances')
      .select('id')
      .where('owner', '=', owner)
      .where('pause_requested', '=', 1)
      .where('state', 'in', [...OWNED_WORKFLOW_STATES])
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /**
   * The force-success requests not yet carried out on unfinished instances of `owner`: attempt
   * ids by instance (migration 0010). Read after the pause requests, so that a resume seen
   * there finds every force recorded before it (the api records a force only while paused).
   */
  async forceRequestsOf(owner: string): Promise<Map<string, string[]>> {
    const rows = await this.forceRequestRows()
      .where('w.owner', '=', owner)
      .where('w.state', 'in', [...OWNED_WORKFLOW_STATES])
      .execute();
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.instance_id, [...(out.get(r.instance_id) ?? []), r.id]);
    return out;
  }

  /** The force-success requests not yet carried out on one instance: attempt ids. */
  async forceRequests(instanceId: string): Promise<string[]> {
    const rows = await this.forceRequestRows().where('w.id', '=', instanceId).execute();
    return rows.map((r) => r.id);
  }

  private forceRequestRows() {
    return this.db
      .selectFrom('task_instances as t')
      .innerJoin('workflow_instances as w', 'w.id', 't.instance_id')
      .select(['t.id', 't.instance_id'])
      .where('t.force_requested', '=', 1)
      .where('t.state', 'in', ['FAILURE', 'KILL']);
  }

  /** Whether a pause is recorded on the instance (false when it does not exist). */
  async pauseRequested(instanceId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('workflow_instances')
      .select('pause_requested')
      .where('id', '=', instanceId)
      .executeTakeFirst();
    return row?.pause_requested === 1;
  }

  /**
   * Unfinished instances after id `afterId`, in id order, whose recorded owner is none or not
   * one of `liveOthers` (at most `limit`): the full scan's candidates for adoption.
   */
  async orphanCandidates(
    afterId: string,
    liveOthers: readonly string[],
    limit: number,
  ): Promise<string[]> {
    let query = this.db
      .selectFrom('workflow_instances')
      .select('id')
      .where('state', 'in', [...OWNED_WORKFLOW_STATES])
      .where(sql<boolean>`id > ${afterId}`)
      .orderBy('id')
      .limit(limit);
    if (liveOthers.length > 0)
      query = query.where((eb) =>
        eb.or([eb('owner', 'is', null), eb('owner', 'not in', [...liveOthers])]),
      );
    return (await query.execute()).map((r) => r.id);
  }

  /** An instance's state, undefined when it does not exist. */
  async instanceState(instanceId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('workflow_instances')
      .select('state')
      .where('id', '=', instanceId)
      .executeTakeFirst();
    return row?.state;
  }

  /** The states of a task attempt and of its instance, undefined when the pair does not exist. */
  async taskAndInstanceState(
    taskInstanceId: string,
    instanceId: string,
  ): Promise<{ task: string; instance: string } | undefined> {
    const row = await this.db
      .selectFrom('task_instances as t')
      .innerJoin('workflow_instances as w', 'w.id', 't.instance_id')
      .select(['t.state as task_state', 'w.state as instance_state'])
      .where('t.id', '=', taskInstanceId)
      .where('t.instance_id', '=', instanceId)
      .executeTakeFirst();
    return row === undefined ? undefined : { task: row.task_state, instance: row.instance_state };
  }
}
