import { ATTR, inSpan, traceparentOf } from '../../shared/telemetry/tracing.js';
import type { Db } from '../../shared/db/connect.js';
import type { InstanceRow, TaskRow } from '../../shared/db/schema.js';
import { NAME_PATTERN, LIMITS } from '../../shared/domain/definition-schema.js';
import {
  mergeParams,
  PARAM_NAME_PATTERN,
  SYSTEM_PARAM_PREFIX,
} from '../../shared/domain/params.js';
import { WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';
import { InvalidArgumentError, NotFoundError } from '../../shared/errors.js';
import type { MemberDirectory } from '../../shared/etcd/member-directory.js';
import type { ChannelPool } from '../../shared/grpc/client.js';
import { requireId, requireOneOf } from '../../shared/grpc/validate.js';
import { requestStop, type StopRequestDeps } from '../../shared/instances/request-stop.js';
import { submitToMaster } from '../../shared/instances/submit-to-master.js';
import type { Logger } from '../../shared/log.js';
import type { Definitions } from './definitions.js';

export interface InstanceWithTasks {
  row: InstanceRow;
  tasks: TaskRow[];
}

/** Starting, reading, listing and stopping instances. */
export class Instances {
  constructor(
    private readonly db: Db,
    private readonly definitions: Definitions,
    private readonly masters: MemberDirectory,
    private readonly channels: ChannelPool,
    private readonly stopDeps: StopRequestDeps,
    private readonly actor: string,
    private readonly log: Logger,
  ) {}

  /**
   * Records a SUBMITTED instance of the workflow's newest version (start params beat the
   * definition's), then pushes it to a master. The record comes first: if the push fails, a
   * master's reconciler adopts the instance.
   */
  async start(workflow: string, params: Record<string, string>): Promise<InstanceWithTasks> {
    requireName(workflow, 'workflow');
    validateStartParams(params);
    const definition = await this.definitions.get(workflow, 0);
    // The instance's trace: everything that runs it, on any master or worker, hangs under this.
    return inSpan(
      'baton.instance.start',
      { attributes: { [ATTR.workflow]: workflow, 'baton.version': definition.version } },
      async (span) => {
        const now = new Date();
        // One statement: a trigger records the SUBMITTED state change with it.
        const inserted = await this.db
          .insertInto('workflow_instances')
          .values({
            workflow,
            version: definition.version,
            execution_type: definition.spec.executionType,
            state: 'SUBMITTED',
            params: JSON.stringify(mergeParams(definition.spec.params, params)),
            owner: null,
            change_actor: this.actor,
            change_reason: 'started',
            trace_parent: traceparentOf(),
            created_at: now,
            updated_at: now,
          })
          .executeTakeFirstOrThrow();
        const id = String(inserted.insertId);
        span.setAttribute(ATTR.instanceId, id);
        await submitToMaster(this.masters, this.channels, id, this.log);
        return this.get(id);
      },
    );
  }

  /** @throws NotFoundError */
  async get(id: string): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    const row = await this.db
      .selectFrom('workflow_instances')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`instance ${id} does not exist`);
    const tasks = await this.db
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
    let query = this.db.selectFrom('workflow_instances').selectAll();
    if (filter.workflow !== '') query = query.where('workflow', '=', filter.workflow);
    if (filter.state !== '') query = query.where('state', '=', filter.state);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(filter.limit || 100)
      .execute();
    if (rows.length === 0) return [];
    const tasks = await this.db
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
  async stop(id: string): Promise<InstanceWithTasks> {
    requireId(id, 'id');
    await requestStop(this.stopDeps, id, `stopped by ${this.actor}`);
    return this.get(id);
  }

  async history(id: string) {
    await this.get(id);
    return this.db
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

function validateStartParams(params: Record<string, string>): void {
  const names = Object.keys(params);
  if (names.length > LIMITS.params)
    throw new InvalidArgumentError('params', `at most ${LIMITS.params} parameters`);
  for (const name of names) {
    const field = `params.${name}`;
    if (!PARAM_NAME_PATTERN.test(name))
      throw new InvalidArgumentError(field, `name must match ${PARAM_NAME_PATTERN.source}`);
    if (name.startsWith(SYSTEM_PARAM_PREFIX))
      throw new InvalidArgumentError(
        field,
        `names starting with "${SYSTEM_PARAM_PREFIX}" are reserved`,
      );
    if (Buffer.byteLength(params[name] ?? '', 'utf8') > LIMITS.paramValueBytes) {
      throw new InvalidArgumentError(field, `value is longer than ${LIMITS.paramValueBytes} bytes`);
    }
  }
}
