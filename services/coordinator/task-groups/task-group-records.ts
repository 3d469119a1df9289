import type { Db } from '../../../shared/db/connect.js';
import { isActiveTaskState, isTaskState } from '../../../shared/domain/task-states.js';
import {
  isTerminalWorkflowState,
  isWorkflowState,
} from '../../../shared/domain/workflow-states.js';

/** An attempt as a slot or queue entry names it. */
export interface AttemptRef {
  instanceId: string;
  taskInstanceId: string;
}

/**
 * What MySQL — the durable record — says about task groups and grouped attempts. A slot is
 * freed, and a waiting entry dropped, only on MySQL's word that its attempt ended: so a slot is
 * never handed on while the attempt that held it may still run (T1), and a slot whose holder's
 * master or worker died is freed once the new owner records the attempt's end (T2).
 */
export class TaskGroupRecords {
  constructor(private readonly db: Db) {}

  /** The group's size, undefined when there is no such group. */
  async size(group: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('task_groups')
      .select('size')
      .where('name', '=', group)
      .executeTakeFirst();
    return row?.size;
  }

  /**
   * The task instance ids among `attempts` that have ended: the attempt's row is missing or in
   * a terminal state, or its instance has ended (nothing will run it any more).
   */
  async ended(attempts: readonly AttemptRef[]): Promise<Set<string>> {
    if (attempts.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('task_instances as t')
      .innerJoin('workflow_instances as w', 'w.id', 't.instance_id')
      .select(['t.id as id', 't.state as taskState', 'w.state as instanceState'])
      .where('t.id', 'in', [...new Set(attempts.map((a) => a.taskInstanceId))])
      .execute();
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    return new Set(
      attempts
        .filter((a) => {
          const row = byId.get(a.taskInstanceId);
          if (row === undefined) return true;
          const taskEnded = isTaskState(row.taskState) && !isActiveTaskState(row.taskState);
          const instanceEnded =
            isWorkflowState(row.instanceState) && isTerminalWorkflowState(row.instanceState);
          return taskEnded || instanceEnded;
        })
        .map((a) => a.taskInstanceId),
    );
  }
}
