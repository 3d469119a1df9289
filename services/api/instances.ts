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
import { TERMINAL_WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';
import {
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
} from '../../shared/errors.js';
import type { CallContext } from '../../shared/grpc/call-context.js';
import { requireId } from '../../shared/grpc/validate.js';
import type { StopRequestDeps } from '../../shared/instances/request-stop.js';
import { scheduleTimeOf } from '../../shared/instances/schedule-time.js';
import { submitToMaster } from '../../shared/instances/submit-to-master.js';
import type { ApiLimits } from './api-limits.js';
import type { AuditAction } from './audit-log.js';
import type { Definitions, StoredDefinition } from './definitions.js';
import { recordStart, type NewInstance } from './record-start.js';
import { parseScheduleTime } from './schedule-time.js';
import { startTasksOf } from './start-tasks.js';
import { requestKeyOf, type RequestKey } from './requests/request-key.js';
import type { RequestIds } from './requests/request-store.js';
import { parseStoredLabels, validateLabels } from '../../shared/domain/labels.js';
import { racePoint } from '../../shared/race-points.js';

export interface InstanceWithTasks {
  row: InstanceRow;
  tasks: TaskRow[];
}

/** Who asks for a change: named in the audit log; the call it serves; its request id. */
export interface Asker {
  actor: string;
  call?: CallContext | undefined;
  /** Empty or absent: no idempotency asked. */
  requestId?: string;
}

/** StartInstance's arguments. */
export interface StartRequest {
  workflow: string;
  params: Record<string, string>;
  scheduleTime: string;
  startTasks?: string[];
  scope?: string;
  labels?: Record<string, string>;
}

export interface InstancesDeps extends StopRequestDeps {
  definitions: Definitions;
  requestIds: RequestIds;
  /** This api process's name: the actor of the state changes it records. */
  processName: string;
  limits: ApiLimits;
}

/** Starting, rerunning and reading instances (controls: instance-controls.ts; lists: instance-list.ts). */
export class Instances {
  constructor(private readonly deps: InstancesDeps) {}

  /**
   * Records a SUBMITTED instance of the workflow's newest version (start params beat the
   * definition's), then pushes it to a master. The record comes first: if the push fails, a
   * master's reconciler adopts the instance. Its schedule time is `request.scheduleTime` (RFC
   * 3339 with a zone, see parseScheduleTime), or when that is empty the time it is recorded.
   * With a request id, a repeat answers the instance the first call recorded.
   *
   * @throws InvalidArgumentError, NotFoundError, ResourceExhaustedError (pending starts),
   *   AlreadyExistsError (the request id was used with other arguments)
   */
  start(request: StartRequest, asker: Asker): Promise<InstanceWithTasks> {
    const { workflow, params } = request;
    const labels = request.labels ?? {};
    requireName(workflow, 'workflow');
    validateStartParams(params, this.deps.limits);
    validateLabels(labels);
    const scheduleTime = parseScheduleTime(request.scheduleTime, 'schedule_time');
    const key = requestKeyOf(asker.requestId ?? '', asker.actor, 'StartInstance', {
      workflow,
      params,
      schedule_time: request.scheduleTime,
      start_tasks: request.startTasks ?? [],
      scope: request.scope ?? '',
      labels,
    });
    const run = async () => {
      const definition = await this.deps.definitions.get(workflow, 0);
      const startTasks = startTasksOf(definition, request.startTasks ?? [], request.scope ?? '');
      return this.launch(definition, mergeParams(definition.spec.params, params), {
        asker,
        action: 'start',
        rerunOf: null,
        scheduleTime,
        labels,
        detail: {
          params: Object.keys(params),
          ...(scheduleTime === undefined ? {} : { schedule_time: scheduleTime.toISOString() }),
          ...(startTasks === undefined ? {} : { start_tasks: startTasks }),
          ...(key === undefined ? {} : { request_id: key.requestId }),
        },
        request: key,
        startTasks,
      });
    };
    return this.deps.requestIds.once(key, run, (id) => this.answerStarted(id, asker.call));
  }

  /**
   * Starts an ended top-level instance again: the same definition version, the same effective
   * params, labels and schedule time (a rerun redoes that business date, as DolphinScheduler's
   * rerun does), through the same path as a start (serial rules, pending-starts limit).
   *
   * @throws NotFoundError; FailedPreconditionError when it has not ended or is a child instance
   */
  rerun(id: string, asker: Asker): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    const key = requestKeyOf(asker.requestId ?? '', asker.actor, 'RerunInstance', { id });
    const run = async () => {
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
        asker,
        action: 'rerun',
        rerunOf: id,
        scheduleTime: scheduleTimeOf(row),
        labels: parseStoredLabels(row.labels),
        detail: { rerun_of: id, ...(key === undefined ? {} : { request_id: key.requestId }) },
        request: key,
      });
    };
    return this.deps.requestIds.once(key, run, (started) =>
      this.answerStarted(started, asker.call),
    );
  }

  /**
   * The answer to a repeated start or rerun: the instance its first call recorded, as it is
   * now. One still SUBMITTED is pushed to a master again (the first call may have died before
   * its push; a push of an owned instance changes nothing), so a retry never waits for the
   * reconciler's grace.
   */
  private async answerStarted(id: string, call: CallContext | undefined) {
    const found = await this.get(id);
    if (found.row.state !== 'SUBMITTED') return found;
    await submitToMaster(this.deps.masters, this.deps.channels, id, this.deps.log, call);
    return this.get(id);
  }

  private launch(
    definition: StoredDefinition,
    params: Record<string, string>,
    how: {
      asker: Asker;
      action: AuditAction;
      rerunOf: string | null;
      /** undefined: the time it is recorded. */
      scheduleTime: Date | undefined;
      labels: Record<string, string>;
      detail: object;
      request: RequestKey | undefined;
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
          labels: how.labels,
          ...(how.startTasks === undefined ? {} : { startTasks: how.startTasks }),
        };
        const audit = {
          actor: how.asker.actor,
          action: how.action,
          detail: { workflow: `${workflow}@${version}`, ...how.detail },
        };
        const limit = this.deps.limits.pendingStarts;
        const id = await recordStart(this.deps.db, instance, limit, audit, how.request);
        span.setAttribute(ATTR.instanceId, id);
        // Tests hold the answer here: committed, not yet answered (a lost answer, retried).
        await racePoint('api.start.after-commit', workflow);
        const call = how.asker.call;
        await submitToMaster(this.deps.masters, this.deps.channels, id, this.deps.log, call);
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
