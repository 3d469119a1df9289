import { ATTR, inSpan, traceparentOf } from '../../shared/telemetry/tracing.js';
import type { InstanceRow, TaskRow } from '../../shared/db/schema.js';
import { checkParamsLimits } from '../../shared/domain/definition-limits.js';
import { NAME_PATTERN } from '../../shared/domain/definition-schema.js';
import {
  mergeParams,
  parseStoredParams,
  PARAM_NAME_PATTERN,
  SYSTEM_PARAM_PREFIX,
} from '../../shared/domain/params.js';
import { TERMINAL_WORKFLOW_STATES, WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';
import {
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
} from '../../shared/errors.js';
import type { CallContext } from '../../shared/grpc/call-context.js';
import { requireId, requireOneOf } from '../../shared/grpc/validate.js';
import type { StopRequestDeps } from '../../shared/instances/request-stop.js';
import { scheduleTimeOf } from '../../shared/instances/schedule-time.js';
import { submitToMaster } from '../../shared/instances/submit-to-master.js';
import type { ApiLimits } from './api-limits.js';
import type { AuditAction } from './audit-log.js';
import type { Definitions, StoredDefinition } from './definitions.js';
import { recordStart, type NewInstance } from './record-start.js';
import { parseScheduleTime } from './schedule-time.js';
import { stopInstance } from './stop-instance.js';
import { selectTasks } from '../../shared/domain/start-scope.js';
import { startTasksOf } from './start-tasks.js';
import { recoverInstance } from './recover-instance.js';
import { pauseInstance, resumeInstance } from './pause-resume.js';
import { forceTaskSuccess } from './force-task-success.js';

export interface InstanceWithTasks {
  row: InstanceRow;
  tasks: TaskRow[];
}

export interface InstancesDeps extends StopRequestDeps {
  definitions: Definitions;
  /** This api process's name: the actor of the state changes it records. */
  processName: string;
  limits: ApiLimits;
}

/** Starting, rerunning, reading, listing, stopping and repairing instances. */
export class Instances {
  constructor(private readonly deps: InstancesDeps) {}

  /**
   * Records a SUBMITTED instance of the workflow's newest version (start params beat the
   * definition's), then pushes it to a master. The record comes first: if the push fails, a
   * master's reconciler adopts the instance. Its schedule time is `request.scheduleTime` (RFC
   * 3339 with a zone, see parseScheduleTime), or when that is empty the time it is recorded.
   * `actor` is named in the audit log.
   *
   * @throws InvalidArgumentError, NotFoundError, ResourceExhaustedError (pending starts)
   */
  async start(
    request: {
      workflow: string;
      params: Record<string, string>;
      scheduleTime: string;
      startTasks?: string[];
      scope?: string;
    },
    actor: string,
    call?: CallContext,
  ): Promise<InstanceWithTasks> {
    const { workflow, params } = request;
    requireName(workflow, 'workflow');
    validateStartParams(params, this.deps.limits);
    const scheduleTime = parseScheduleTime(request.scheduleTime, 'schedule_time');
    const definition = await this.deps.definitions.get(workflow, 0);
    const startTasks = startTasksOf(definition, request.startTasks ?? [], request.scope ?? '');
    return this.launch(definition, mergeParams(definition.spec.params, params), {
      actor,
      action: 'start',
      rerunOf: null,
      scheduleTime,
      detail: {
        params: Object.keys(params),
        ...(scheduleTime === undefined ? {} : { schedule_time: scheduleTime.toISOString() }),
        ...(startTasks === undefined ? {} : { start_tasks: startTasks }),
      },
      call,
      startTasks,
    });
  }

  /**
   * Starts an ended top-level instance again: the same definition version, the same effective
   * params and the same schedule time (a rerun redoes that business date, as DolphinScheduler's
   * rerun does), through the same path as a start (serial rules, pending-starts limit).
   *
   * @throws NotFoundError; FailedPreconditionError when it has not ended or is a child instance
   */
  async rerun(id: string, actor: string, call?: CallContext): Promise<InstanceWithTasks> {
    const { row } = await this.get(id);
    if (row.parent_instance_id !== null) {
      throw new FailedPreconditionError(
        `instance ${id} is a child of instance ${row.parent_instance_id}; rerun its parent`,
      );
    }
    if (!(TERMINAL_WORKFLOW_STATES as readonly string[]).includes(row.state)) {
      throw new FailedPreconditionError(`instance ${id} has not ended yet (${row.state})`);
    }
    const definition = await this.deps.definitions.get(row.workflow, row.version);
    return this.launch(definition, parseStoredParams(row.params), {
      actor,
      action: 'rerun',
      rerunOf: id,
      scheduleTime: scheduleTimeOf(row),
      detail: { rerun_of: id },
      call,
    });
  }

  private launch(
    definition: StoredDefinition,
    params: Record<string, string>,
    how: {
      actor: string;
      action: AuditAction;
      rerunOf: string | null;
      /** undefined: the time it is recorded. */
      scheduleTime: Date | undefined;
      detail: object;
      /** The api call this start serves: the push to a master keeps within its deadline. */
      call: CallContext | undefined;
      startTasks?: { names: string[]; scope: string } | undefined;
    },
  ): Promise<InstanceWithTasks> {
    const { name: workflow, version } = definition;
    // The instance's trace: everything that runs it, on any master or worker, hangs under this.
    return inSpan(
      'baton.instance.start',
      { attributes: { [ATTR.workflow]: workflow, 'baton.version': version } },
      async (span) => {
        const instance: NewInstance = {
          workflow,
          version,
          executionType: definition.spec.executionType,
          params,
          rerunOf: how.rerunOf,
          scheduleTime: how.scheduleTime,
          changeActor: this.deps.processName,
          changeReason: how.rerunOf === null ? 'started' : `rerun of ${how.rerunOf}`,
          traceParent: traceparentOf(),
          ...(how.startTasks === undefined ? {} : { startTasks: how.startTasks }),
        };
        const id = await recordStart(this.deps.db, instance, this.deps.limits.pendingStarts, {
          actor: how.actor,
          action: how.action,
          detail: { workflow: `${workflow}@${version}`, ...how.detail },
        });
        span.setAttribute(ATTR.instanceId, id);
        await submitToMaster(this.deps.masters, this.deps.channels, id, this.deps.log, how.call);
        return this.get(id);
      },
    );
  }

  /** @throws NotFoundError */
  async get(id: string): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    const row = await this.deps.db
      .selectFrom('workflow_instances')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`instance ${id} does not exist`);
    const tasks = await this.deps.db
      .selectFrom('task_instances')
      .selectAll()
      .where('instance_id', '=', id)
      .orderBy('id')
      .execute();
    return { row, tasks };
  }

  async list(filter: {
    workflow: string;
    state: string;
    limit: number;
  }): Promise<InstanceWithTasks[]> {
    if (filter.workflow !== '') requireName(filter.workflow, 'workflow');
    if (filter.state !== '') requireOneOf(filter.state, WORKFLOW_STATES, 'state');
    if (filter.limit < 0 || filter.limit > 1000)
      throw new InvalidArgumentError('limit', 'must be between 0 and 1000');
    let query = this.deps.db.selectFrom('workflow_instances').selectAll();
    if (filter.workflow !== '') query = query.where('workflow', '=', filter.workflow);
    if (filter.state !== '') query = query.where('state', '=', filter.state);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(filter.limit || 100)
      .execute();
    if (rows.length === 0) return [];
    const tasks = await this.deps.db
      .selectFrom('task_instances')
      .selectAll()
      .where(
        'instance_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ row, tasks: tasks.filter((t) => t.instance_id === row.id) }));
  }

  /** @throws NotFoundError, FailedPreconditionError (already ended) */
  async stop(id: string, actor: string, call?: CallContext): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    const reason = `stopped by ${actor} via ${this.deps.processName}`;
    await stopInstance(this.deps, id, reason, actor, call);
    return this.get(id);
  }

  /** See recoverInstance. @throws NotFoundError, FailedPreconditionError */
  async recover(
    id: string,
    actor: string,
    call?: CallContext,
    fromTasks: readonly string[] = [],
  ): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    let rerun: string[] | undefined;
    if (fromTasks.length > 0) {
      const { row } = await this.get(id);
      const { spec } = await this.deps.definitions.get(row.workflow, row.version);
      rerun = [...selectTasks(spec.tasks, fromTasks, 'FROM')];
    }
    await recoverInstance(this.deps, id, actor, call, rerun);
    return this.get(id);
  }

  /** See forceTaskSuccess. @throws NotFoundError, FailedPreconditionError */
  async forceSuccess(
    id: string,
    task: string,
    actor: string,
    call?: CallContext,
  ): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    await forceTaskSuccess(this.deps, id, task, actor, call);
    return this.get(id);
  }

  /** See pauseInstance. @throws NotFoundError, FailedPreconditionError */
  async pause(id: string, actor: string, call?: CallContext): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    await pauseInstance(this.deps, id, actor, call);
    return this.get(id);
  }

  /** See resumeInstance. @throws NotFoundError, FailedPreconditionError */
  async resume(id: string, actor: string, call?: CallContext): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    await resumeInstance(this.deps, id, actor, call);
    return this.get(id);
  }

  async history(id: string) {
    await this.get(id);
    return this.deps.db
      .selectFrom('state_changes')
      .selectAll()
      .where('instance_id', '=', id)
      .orderBy('id')
      .execute();
  }
}

export function requireName(value: string, field: string): void {
  if (!NAME_PATTERN.test(value))
    throw new InvalidArgumentError(field, `must match ${NAME_PATTERN.source}; got "${value}"`);
}

export function validateStartParams(params: Record<string, string>, limits: ApiLimits): void {
  checkParamsLimits(params, limits, 'params');
  for (const name of Object.keys(params)) {
    const field = `params.${name}`;
    if (!PARAM_NAME_PATTERN.test(name))
      throw new InvalidArgumentError(field, `name must match ${PARAM_NAME_PATTERN.source}`);
    if (name.startsWith(SYSTEM_PARAM_PREFIX))
      throw new InvalidArgumentError(
        field,
        `names starting with "${SYSTEM_PARAM_PREFIX}" are reserved`,
      );
  }
}
