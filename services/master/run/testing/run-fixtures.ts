/** Builders for InstanceRun unit tests: definitions, rows, a started run on fake ports. */
import type { InstanceRow } from '../../../../shared/db/schema.js';
import type {
  TaskDefinition,
  WorkflowDefinitionSpec,
} from '../../../../shared/domain/workflow-spec.js';
import type { WorkflowState } from '../../../../shared/domain/workflow-states.js';
import { ROOT_CONTEXT } from '../../../../shared/telemetry/tracing.js';
import { InstanceRun } from '../instance-run.js';
import { newAttempt, type TaskRun } from '../run-model.js';
import type { TaskDecision } from '../task-decision.js';
import type { TaskState } from '../../../../shared/domain/task-states.js';
import { spec, task } from './definitions.js';
import { fakePorts, type Fakes } from './fake-ports.js';

export { spec, task };

export const EPOCH = 7n;

export function row(state: WorkflowState, extra: Partial<InstanceRow> = {}): InstanceRow {
  const at = new Date('2026-01-01T00:00:00Z');
  return {
    id: '1',
    workflow: 'wf',
    version: 1,
    execution_type: 'PARALLEL',
    state,
    params: '{"day":"2026-01-01"}',
    owner: 'master-test',
    owner_epoch: EPOCH.toString(),
    parent_instance_id: null,
    parent_task: null,
    parent_task_attempt: null,
    stop_requested: 0,
    stop_reason: null,
    change_actor: null,
    change_reason: null,
    scheduled_at: null,
    trace_parent: null,
    rerun_of: null,
    round: 0,
    pause_requested: 0,
    start_tasks: null,
    start_scope: null,
    rerun_tasks: null,
    queue_ticket: null,
    queue_ticket_at: null,
    paused_at: null,
    paused_spans: null,
    backfill_id: null,
    labels: null,
    schedule_time: at,
    created_at: at,
    started_at: state === 'RUNNING' ? at : null,
    ended_at: null,
    updated_at: at,
    ...extra,
  };
}

/** A task attempt left RUNNING on `worker` by an earlier owner (what adoption finds). */
export interface LeftRunning {
  def: TaskDefinition;
  id: string;
  worker: string;
}

/** A task attempt an earlier owner left in another state, as adoption finds it in MySQL. */
export interface LeftBehind {
  def: TaskDefinition;
  id: string;
  state: TaskState;
  decision?: TaskDecision;
  outputs?: Record<string, string>;
  endedAt?: Date;
}

/**
 * Makes a run on fake ports and starts it: a new instance, or (with `running`) one adopted with
 * those attempts RUNNING in MySQL and in the rows the run is rebuilt from.
 */
export function start(
  s: WorkflowDefinitionSpec,
  options: {
    state?: WorkflowState;
    running?: LeftRunning[];
    left?: LeftBehind[];
    row?: Partial<InstanceRow>;
  } = {},
): { run: InstanceRun; f: Fakes } {
  const state = options.state ?? 'SUBMITTED';
  const f = fakePorts(state, EPOCH, spec([task('z')]));
  const r = row(state, { execution_type: s.executionType, ...options.row });
  const tasks = new Map<string, TaskRun>();
  for (const { def, id, worker } of options.running ?? []) {
    f.store.tasks.push({ id, name: def.name, attempt: 1, state: 'RUNNING', worker });
    tasks.set(def.name, {
      def,
      id,
      attempt: 1,
      round: 0,
      state: 'RUNNING',
      failures: 0,
      worker,
      workerStartedAt: null,
      childId: null,
      priorChild: null,
      startedAt: new Date(f.clock.now()),
      endedAt: null,
      killRequested: false,
      dispatchConfirmed: false,
      sending: false,
      timedOut: false,
      outputs: {},
      decision: null,
    });
  }
  for (const { def, id, state: taskState, decision, outputs, endedAt } of options.left ?? []) {
    f.store.tasks.push({ id, name: def.name, attempt: 1, state: taskState, worker: null });
    tasks.set(def.name, {
      ...newAttempt(def, id, 1, undefined, 0),
      state: taskState,
      decision: decision ?? null,
      outputs: outputs ?? {},
      failures: taskState === 'FAILURE' ? 1 : 0,
      endedAt: endedAt ?? null,
    });
  }
  const run = new InstanceRun(r, EPOCH, s, tasks, f.ports, ROOT_CONTEXT);
  run.start();
  return { run, f };
}

/** Lets every queued event and the RPC callbacks they start run to completion. */
export async function settle(run: InstanceRun): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    await run.enqueue('settle', () => Promise.resolve()).catch(() => undefined);
  }
}

export async function report(
  run: InstanceRun,
  f: Fakes,
  name: string,
  state: 'SUCCESS' | 'FAILURE' | 'KILL',
  attempt = 1,
  outputs: Record<string, string> = {},
) {
  const t = f.store.task(name, attempt);
  if (t === undefined) throw new Error(`no ${name}#${attempt}`);
  await run.onTaskReport({
    taskInstanceId: t.id,
    state,
    exitCode: state === 'SUCCESS' ? 0 : 1,
    startedAt: undefined,
    endedAt: new Date(f.clock.now()),
    reason: '',
    outputs,
  });
  await settle(run);
}
