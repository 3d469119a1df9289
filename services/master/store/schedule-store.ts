import { sql } from 'kysely';
import type { Db } from '../../../shared/db/connect.js';
import type { WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import { parseStoredSpec } from '../../../shared/domain/stored-spec.js';

/** A definition's newest version, as the scheduler reads it. */
export interface LatestVersion {
  name: string;
  version: number;
  spec: WorkflowDefinitionSpec;
  appliedAt: Date;
  /** Taken offline by `baton schedule pause`: it does not fire. */
  online: boolean;
  /** When it last went online or offline, if ever. */
  stateChangedAt: Date | null;
}

/** A scheduled start to record. */
export interface ScheduledStart {
  workflow: string;
  version: number;
  executionType: string;
  params: Record<string, string>;
  fireTime: Date;
  actor: string;
  reason: string;
  traceParent: string | null;
}

/** The scheduler's reads and its one write: a fire time's instance, at most once (UNIQUE). */
export class ScheduleStore {
  constructor(private readonly db: Db) {}

  /** The newest version of every definition. */
  async latestVersions(): Promise<LatestVersion[]> {
    const rows = await this.db
      .selectFrom('workflows as w')
      .innerJoin('workflow_versions as v', (j) =>
        j.onRef('v.name', '=', 'w.name').onRef('v.version', '=', 'w.latest_version'),
      )
      .select([
        'v.name',
        'v.version',
        'v.spec',
        'v.created_at',
        'w.schedule_state',
        'w.schedule_state_at',
      ])
      .execute();
    return rows.map((r) => ({
      name: r.name,
      version: r.version,
      spec: parseStoredSpec(r.spec),
      appliedAt: r.created_at,
      online: r.schedule_state !== 'OFFLINE',
      stateChangedAt: r.schedule_state_at,
    }));
  }

  /** The latest fire time each definition has an instance for. */
  async lastFireTimes(): Promise<Map<string, Date | null>> {
    const rows = await this.db
      .selectFrom('workflow_instances')
      .select(['workflow', sql<Date | null>`MAX(scheduled_at)`.as('last')])
      .where('scheduled_at', 'is not', null)
      .groupBy('workflow')
      .execute();
    return new Map(rows.map((r) => [r.workflow, r.last]));
  }

  /**
   * Records the instance of one fire time, SUBMITTED and unowned, whose schedule time is that
   * fire time. Returns its id, or undefined when that (workflow, fire time) exists already:
   * `(workflow, scheduled_at)` is UNIQUE, so two schedulers that both believe they lead still
   * start it once.
   */
  async recordFire(start: ScheduledStart): Promise<string | undefined> {
    const now = new Date();
    const result = await sql<never>`
      INSERT IGNORE INTO workflow_instances
        (workflow, version, execution_type, state, params, owner, scheduled_at, schedule_time, change_actor, change_reason, trace_parent, created_at, updated_at)
      VALUES (${start.workflow}, ${start.version}, ${start.executionType}, 'SUBMITTED',
              ${JSON.stringify(start.params)}, NULL, ${start.fireTime}, ${start.fireTime}, ${start.actor}, ${start.reason},
              ${start.traceParent}, ${now}, ${now})`.execute(this.db);
    if (result.numAffectedRows === 0n || result.insertId === undefined) return undefined;
    return String(result.insertId);
  }
}
