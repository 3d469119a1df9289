/**
 * What MySQL says happened, read once after the run has settled: every instance, task attempt
 * and state change (the triggers of migration 0003 record each change with its actor and
 * epoch), and every definition version (the D1 check finds the branches in them). Times are
 * epoch milliseconds, comparable with the record's and the nemesis's clocks (one machine).
 */
import type { Db } from '../../shared/db/connect.js';
import { parseStoredSpec } from '../../shared/domain/stored-spec.js';
import type { WorkflowDefinitionSpec } from '../../shared/domain/workflow-spec.js';

export interface InstanceRecord {
  id: string;
  workflow: string;
  /** The definition version it runs (see `DefinitionRecord`). */
  version: number;
  executionType: string;
  state: string;
  owner: string | null;
  ownerEpoch: bigint;
  parentId: string | null;
  parentTask: string | null;
  parentTaskAttempt: number | null;
  createdAt: number;
  endedAt: number | null;
  /** How often it was carried on in place (recover, resume from STOP): 0 if never. */
  round: number;
  /** The backfill that started it, and the business time it runs as. */
  backfillId: string | null;
  scheduleTime: number | null;
}

/** A backfill as MySQL has it after the run. */
export interface BackfillRecord {
  id: string;
  workflow: string;
  state: string;
  /** Epoch ms, in start order. */
  fireTimes: number[];
  parallel: number;
  onFailure: string;
}

export interface TaskRecord {
  instanceId: string;
  task: string;
  type: string;
  attempt: number;
  /** The instance's round the attempt was made in. */
  round: number;
  state: string;
  childInstanceId: string | null;
  /** A CONDITIONS/SWITCH attempt's stored decision, as JSON text; null when none. */
  decision: string | null;
}

/** One stored version of a definition, as the masters read it. */
export interface DefinitionRecord {
  workflow: string;
  version: number;
  spec: WorkflowDefinitionSpec;
}

export interface ChangeRecord {
  /** Auto-increment: the order in which MySQL committed the changes of one instance. */
  id: number;
  instanceId: string;
  /** null for the instance itself. */
  task: string | null;
  attempt: number | null;
  fromState: string | null;
  toState: string;
  actor: string;
  epoch: bigint;
  reason: string | null;
  at: number;
}

export interface History {
  instances: InstanceRecord[];
  tasks: TaskRecord[];
  changes: ChangeRecord[];
  definitions: DefinitionRecord[];
  backfills: BackfillRecord[];
}

export async function readHistory(db: Db): Promise<History> {
  const instances = await db.selectFrom('workflow_instances').selectAll().orderBy('id').execute();
  const tasks = await db.selectFrom('task_instances').selectAll().orderBy('id').execute();
  const changes = await db.selectFrom('state_changes').selectAll().orderBy('id').execute();
  const versions = await db.selectFrom('workflow_versions').selectAll().execute();
  const backfills = await db.selectFrom('backfills').selectAll().orderBy('id').execute();
  return {
    instances: instances.map((r) => ({
      id: r.id,
      workflow: r.workflow,
      version: r.version,
      executionType: r.execution_type,
      state: r.state,
      owner: r.owner,
      ownerEpoch: BigInt(r.owner_epoch),
      parentId: r.parent_instance_id,
      parentTask: r.parent_task,
      parentTaskAttempt: r.parent_task_attempt,
      createdAt: r.created_at.getTime(),
      endedAt: r.ended_at?.getTime() ?? null,
      round: r.round,
      backfillId: r.backfill_id,
      scheduleTime: r.schedule_time?.getTime() ?? null,
    })),
    tasks: tasks.map((r) => ({
      instanceId: r.instance_id,
      task: r.task,
      type: r.type,
      attempt: r.attempt,
      round: r.round,
      state: r.state,
      childInstanceId: r.child_instance_id,
      decision: r.decision,
    })),
    changes: changes.map((r) => ({
      id: Number(r.id),
      instanceId: r.instance_id,
      task: r.task,
      attempt: r.attempt,
      fromState: r.from_state,
      toState: r.to_state,
      actor: r.actor,
      epoch: BigInt(r.epoch),
      reason: r.reason,
      at: r.at.getTime(),
    })),
    definitions: versions.map((r) => ({
      workflow: r.name,
      version: r.version,
      spec: parseStoredSpec(r.spec),
    })),
    backfills: backfills.map((r) => ({
      id: r.id,
      workflow: r.workflow,
      state: r.state,
      fireTimes: (JSON.parse(r.fire_times) as string[]).map((t) => Date.parse(t)),
      parallel: r.parallel,
      onFailure: r.on_failure,
    })),
  };
}
