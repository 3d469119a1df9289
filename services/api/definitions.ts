import type { Db } from '../../shared/db/connect.js';
import { checkTaskGroupsExist } from './task-groups.js';
import { parseWorkflowSpec, parseWorkflowYaml } from '../../shared/domain/definition-parse.js';
import {
  checkDefinitionBytes,
  type DefinitionLimits,
} from '../../shared/domain/definition-limits.js';
import { checkSubWorkflowReferences } from '../../shared/domain/sub-workflow-references.js';
import type { WorkflowDefinitionSpec } from '../../shared/domain/workflow-spec.js';
import { parseStoredSpec } from '../../shared/domain/stored-spec.js';
import { InvalidArgumentError, NotFoundError } from '../../shared/errors.js';
import type { ApplyWorkflowRequest__Output } from '../../shared/proto/gen/baton/v1/ApplyWorkflowRequest.js';
import { withRetry } from '../../shared/retry.js';
import { requireAlertChannel } from './alert-channels.js';
import { recordAudit } from './audit-log.js';
import type { ScheduleState } from './schedule-state.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import { specInputFromProto } from './spec-mapping.js';

export interface StoredDefinition {
  name: string;
  version: number;
  spec: WorkflowDefinitionSpec;
  createdAt: Date;
  /** The definition's schedule state (kept across versions): OFFLINE does not fire. */
  scheduleState: ScheduleState;
}

/** A first apply that lost the race for its name retries (as an update) this many times. */
const APPLY_RETRIES = 2;

/** Definitions: validated, then stored as a new immutable version. */
export class Definitions {
  constructor(
    private readonly db: Db,
    private readonly limits: DefinitionLimits,
  ) {}

  /**
   * Validates and stores a new version, recording `actor` in the audit log in the same
   * transaction. Nothing is written unless every check passes (the limits included).
   * @throws InvalidArgumentError naming the field at fault.
   */
  async apply(req: ApplyWorkflowRequest__Output, actor: string): Promise<StoredDefinition> {
    const spec = this.parse(req);
    await checkTaskGroupsExist(this.db, spec);
    await checkSubWorkflowReferences(spec, async (name) => {
      const found = await this.findLatest(name);
      return found === undefined
        ? null
        : {
            subWorkflows: found.spec.tasks
              .filter((t) => t.type === 'SUB_WORKFLOW')
              .map((t) => t.workflow),
          };
    });
    if (spec.alerts !== null) await requireAlertChannel(this.db, spec.alerts.channel);
    // Two first applies of one name race on the primary key; the loser retries as an update.
    return withRetry(() => this.storeVersion(spec, actor, req.source ?? ''), {
      retries: APPLY_RETRIES,
      initialDelayMs: 1,
      retryOn: isDuplicateKey,
    });
  }

  private parse(req: ApplyWorkflowRequest__Output): WorkflowDefinitionSpec {
    if (req.source === 'yaml') return parseWorkflowYaml(req.yaml ?? '', this.limits);
    if (req.source === 'spec' && req.spec) {
      // Measured without proto3's empty defaults, so it weighs about what the YAML would.
      const input = specInputFromProto(req.spec);
      checkDefinitionBytes(JSON.stringify(input), this.limits, 'spec');
      return parseWorkflowSpec(input, this.limits);
    }
    throw new InvalidArgumentError('source', 'either yaml or spec is required');
  }

  private async storeVersion(
    spec: WorkflowDefinitionSpec,
    actor: string,
    source: string,
  ): Promise<StoredDefinition> {
    return this.db.transaction().execute(async (trx) => {
      const now = new Date();
      const current = await trx
        .selectFrom('workflows')
        .select('latest_version')
        .where('name', '=', spec.name)
        .forUpdate()
        .executeTakeFirst();
      const version = (current?.latest_version ?? 0) + 1;
      if (current === undefined) {
        await trx
          .insertInto('workflows')
          .values({
            name: spec.name,
            latest_version: version,
            execution_type: spec.executionType,
            created_at: now,
            updated_at: now,
          })
          .execute();
      } else {
        await trx
          .updateTable('workflows')
          .set({ latest_version: version, execution_type: spec.executionType, updated_at: now })
          .where('name', '=', spec.name)
          .execute();
      }
      await trx
        .insertInto('workflow_versions')
        .values({ name: spec.name, version, spec: JSON.stringify(spec), created_at: now })
        .execute();
      await recordAudit(
        trx,
        {
          actor,
          action: 'apply',
          targetKind: 'workflow',
          target: `${spec.name}@${version}`,
          detail: { source },
        },
        now,
      );
      const state = await trx
        .selectFrom('workflows')
        .select('schedule_state')
        .where('name', '=', spec.name)
        .executeTakeFirstOrThrow();
      return { name: spec.name, version, spec, createdAt: now, scheduleState: asState(state) };
    });
  }

  /** @throws NotFoundError */
  async get(name: string, version: number): Promise<StoredDefinition> {
    const found =
      version === 0 ? await this.findLatest(name) : await this.findVersion(name, version);
    if (found === undefined) {
      throw new NotFoundError(
        version === 0
          ? `workflow ${name} does not exist`
          : `workflow ${name} has no version ${version}`,
      );
    }
    return found;
  }

  /**
   * The newest version of each definition by name, a page at a time: keyset on the name (the
   * primary key), so a page costs its size and definitions applied meanwhile never shift it.
   * `pageSize` 0 lists them all, as before paging.
   *
   * @throws InvalidArgumentError naming page_size or page_token
   */
  async list(
    pageSize = 0,
    pageToken = '',
  ): Promise<{ definitions: StoredDefinition[]; nextPageToken: string }> {
    if (pageSize < 0 || pageSize > 1000)
      throw new InvalidArgumentError('page_size', `must be between 0 and 1000; got ${pageSize}`);
    const after = decodePageToken(pageToken, {});
    let query = this.db
      .selectFrom('workflows as w')
      .innerJoin('workflow_versions as v', (join) =>
        join.onRef('v.name', '=', 'w.name').onRef('v.version', '=', 'w.latest_version'),
      )
      .select(['v.name', 'v.version', 'v.spec', 'v.created_at', 'w.schedule_state'])
      .orderBy('w.name');
    if (after !== undefined) query = query.where('w.name', '>', after);
    if (pageSize > 0) query = query.limit(pageSize + 1);
    const rows = await query.execute();
    const page = pageSize > 0 ? rows.slice(0, pageSize) : rows;
    const last = page.at(-1);
    const more = pageSize > 0 && rows.length > pageSize && last !== undefined;
    return {
      definitions: page.map((r) => toStored(r)),
      nextPageToken: more ? encodePageToken(last.name, {}) : '',
    };
  }

  async findLatest(name: string): Promise<StoredDefinition | undefined> {
    const row = await this.db
      .selectFrom('workflows as w')
      .innerJoin('workflow_versions as v', (join) =>
        join.onRef('v.name', '=', 'w.name').onRef('v.version', '=', 'w.latest_version'),
      )
      .select(['v.name', 'v.version', 'v.spec', 'v.created_at', 'w.schedule_state'])
      .where('w.name', '=', name)
      .executeTakeFirst();
    return row === undefined ? undefined : toStored(row);
  }

  private async findVersion(name: string, version: number): Promise<StoredDefinition | undefined> {
    const row = await this.db
      .selectFrom('workflow_versions as v')
      .innerJoin('workflows as w', 'w.name', 'v.name')
      .select(['v.name', 'v.version', 'v.spec', 'v.created_at', 'w.schedule_state'])
      .where('v.name', '=', name)
      .where('v.version', '=', version)
      .executeTakeFirst();
    return row === undefined ? undefined : toStored(row);
  }
}

function toStored(row: {
  name: string;
  version: number;
  spec: string;
  created_at: Date;
  schedule_state: string;
}): StoredDefinition {
  return {
    name: row.name,
    version: row.version,
    spec: parseStoredSpec(row.spec),
    createdAt: row.created_at,
    scheduleState: asState(row),
  };
}

function asState(row: { schedule_state: string }): ScheduleState {
  return row.schedule_state === 'OFFLINE' ? 'OFFLINE' : 'ONLINE';
}

function isDuplicateKey(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ER_DUP_ENTRY'
  );
}
