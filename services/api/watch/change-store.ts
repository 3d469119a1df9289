import { sql } from 'kysely';
import type { Db } from '../../../shared/db/connect.js';
import { parseStoredParams } from '../../../shared/domain/params.js';
import type { ChangeEvent } from './change-event.js';

/** What a cluster-wide catch-up reads: instance-level changes, optionally narrowed. */
export interface InstancesFilter {
  workflow: string | undefined;
  states: readonly string[] | undefined;
}

/**
 * The reads watching needs from `state_changes` (with the instance's workflow and the task
 * attempt's worker and outputs beside each row). Every read is ordered by id.
 */
export class ChangeStore {
  constructor(private readonly db: Db) {}

  /** Whether the instance exists. */
  async instanceExists(id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('workflow_instances')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The largest id so far (0 for none). */
  async maxId(): Promise<bigint> {
    const row = await this.db
      .selectFrom('state_changes')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    return BigInt(row?.max ?? 0);
  }

  /** Committed rows with an id above `after`, oldest first (a plain read: it takes no locks). */
  async after(after: bigint, limit: number): Promise<ChangeEvent[]> {
    const rows = await this.select()
      .where('sc.id', '>', after.toString())
      .orderBy('sc.id')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  /**
   * Every row that will ever exist with an id in (after, through]: a locking read in READ
   * COMMITTED waits for the transactions still inserting rows there to commit or roll back
   * (an uncommitted insert holds its row's lock), so what it returns is final. READ COMMITTED
   * takes no gap locks, so it never holds up new inserts; the lock wait is cut to 1 s (then it
   * fails and the caller tries again later).
   */
  async settled(after: bigint, through: bigint): Promise<ChangeEvent[]> {
    return this.db.connection().execute(async (conn) => {
      await sql`SET SESSION innodb_lock_wait_timeout = 1`.execute(conn);
      try {
        await sql`SET TRANSACTION ISOLATION LEVEL READ COMMITTED`.execute(conn);
        const rows = await new ChangeStore(conn)
          .select()
          .where('sc.id', '>', after.toString())
          .where('sc.id', '<=', through.toString())
          .orderBy('sc.id')
          .modifyEnd(sql`LOCK IN SHARE MODE`)
          .execute();
        return rows.map(toEvent);
      } finally {
        await sql`SET SESSION innodb_lock_wait_timeout = DEFAULT`.execute(conn);
      }
    });
  }

  /** One instance's changes in (after, through], oldest first, at most `limit`. */
  async ofInstance(
    instanceId: string,
    after: bigint,
    through: bigint,
    limit: number,
  ): Promise<ChangeEvent[]> {
    const rows = await this.select()
      .where('sc.instance_id', '=', instanceId)
      .where('sc.id', '>', after.toString())
      .where('sc.id', '<=', through.toString())
      .orderBy('sc.id')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  /** Instance-level changes in (after, through] matching `filter`, oldest first. */
  async ofInstances(
    filter: InstancesFilter,
    after: bigint,
    through: bigint,
    limit: number,
  ): Promise<ChangeEvent[]> {
    let query = this.select()
      .where('sc.task', 'is', null)
      .where('sc.id', '>', after.toString())
      .where('sc.id', '<=', through.toString());
    if (filter.workflow !== undefined) query = query.where('wi.workflow', '=', filter.workflow);
    if (filter.states !== undefined && filter.states.length > 0)
      query = query.where('sc.to_state', 'in', [...filter.states]);
    const rows = await query.orderBy('sc.id').limit(limit).execute();
    return rows.map(toEvent);
  }

  /**
   * The instance's own latest change (not a task's) with an id up to `at` (undefined: no
   * bound), if any: its id and the state it went to.
   */
  async lastInstanceChange(
    instanceId: string,
    at?: bigint,
  ): Promise<{ id: bigint; state: string } | undefined> {
    let query = this.db
      .selectFrom('state_changes')
      .select(['id', 'to_state'])
      .where('instance_id', '=', instanceId)
      .where('task', 'is', null);
    if (at !== undefined) query = query.where('id', '<=', at.toString());
    const row = await query.orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row === undefined ? undefined : { id: BigInt(row.id), state: row.to_state };
  }

  private select() {
    return this.db
      .selectFrom('state_changes as sc')
      .innerJoin('workflow_instances as wi', 'wi.id', 'sc.instance_id')
      .leftJoin('task_instances as ti', (join) =>
        join
          .onRef('ti.instance_id', '=', 'sc.instance_id')
          .onRef('ti.task', '=', 'sc.task')
          .onRef('ti.attempt', '=', 'sc.attempt'),
      )
      .select([
        'sc.id',
        'sc.instance_id',
        'wi.workflow',
        'sc.task',
        'sc.attempt',
        'sc.from_state',
        'sc.to_state',
        'ti.worker',
        'ti.child_instance_id',
        'ti.outputs',
        'sc.reason',
        'sc.actor',
        'sc.epoch',
        'sc.at',
      ]);
  }
}

type Row = Awaited<ReturnType<ReturnType<ChangeStore['select']>['execute']>>[number];

function toEvent(row: Row): ChangeEvent {
  return {
    id: BigInt(row.id),
    instanceId: row.instance_id,
    workflow: row.workflow,
    task: row.task,
    attempt: row.attempt ?? 0,
    fromState: row.from_state,
    toState: row.to_state,
    worker: row.worker,
    childId: row.child_instance_id,
    outputs:
      row.task !== null && row.to_state === 'SUCCESS' && row.outputs !== null
        ? parseStoredParams(row.outputs)
        : null,
    reason: row.reason,
    actor: row.actor,
    epoch: row.epoch,
    at: row.at,
  };
}
