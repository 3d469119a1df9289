import type { Db } from '../../../shared/db/connect.js';
import { parseStoredParams } from '../../../shared/domain/params.js';
import { TERMINAL_WORKFLOW_STATES } from '../../../shared/domain/workflow-states.js';
import type { LookupPort } from '../run/run-ports.js';

/**
 * The reads logic tasks make of other instances: a SUB_WORKFLOW task's child outputs and a
 * DEPENDENT task's upstream runs. Reads only, unfenced: they decide nothing by themselves (a
 * DEPENDENT result is written by the run, fenced, like any task end).
 */
export class LogicLookups implements LookupPort {
  constructor(private readonly db: Db) {}

  async childOutputs(childId: string): Promise<Record<string, string>[]> {
    const rows = await this.db
      .selectFrom('task_instances')
      .select('outputs')
      .where('instance_id', '=', childId)
      .where('state', '=', 'SUCCESS')
      .where('outputs', 'is not', null)
      .orderBy('ended_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => parseStoredParams(r.outputs ?? '{}'));
  }

  async upstreamRun(
    workflow: string,
    task: string | null,
    window: { from: Date; to: Date },
  ): Promise<{ state: string | undefined; instanceEnded: boolean } | undefined> {
    // Served by ix_workflow_schedule_time (migration 0008): the newest run in the window.
    const instance = await this.db
      .selectFrom('workflow_instances')
      .select(['id', 'state'])
      .where('workflow', '=', workflow)
      .where('schedule_time', '>=', window.from)
      .where('schedule_time', '<', window.to)
      .orderBy('schedule_time', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (instance === undefined) return undefined;
    const instanceEnded = (TERMINAL_WORKFLOW_STATES as readonly string[]).includes(instance.state);
    if (task === null) return { state: instance.state, instanceEnded };
    const attempt = await this.db
      .selectFrom('task_instances')
      .select('state')
      .where('instance_id', '=', instance.id)
      .where('task', '=', task)
      .orderBy('attempt', 'desc')
      .limit(1)
      .executeTakeFirst();
    return { state: attempt?.state, instanceEnded };
  }
}
