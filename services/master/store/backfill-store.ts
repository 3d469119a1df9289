import { sql } from 'kysely';
import type { Db } from '../../../shared/db/connect.js';
import type { BackfillRow } from '../../../shared/db/schema.js';
import { lockInstance, reopenInstance } from '../../../shared/instances/reopen-instance.js';
import { parseStoredLabels } from '../../../shared/domain/labels.js';
import { parseStoredSpec } from '../../../shared/domain/stored-spec.js';
import type { WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import type { BackfillStep, DateInstances } from '../backfill/backfill-plan.js';

/** One date's instance as the owner records it. */
export interface DateStart {
  executionType: string;
  params: Record<string, string>;
  reason: string;
  traceParent: string | null;
}

/** What a step decided, given the locked row and its dates' instances. */
export interface StepDecision {
  step: BackfillStep;
  /** The instance to record for a fire time the step starts. */
  startOf: (at: number) => DateStart;
}

/** What a committed step did. */
export interface StepResult {
  /** Ids of the instances recorded, to hand to masters. */
  started: string[];
  ended: boolean;
}

/**
 * The backfill owner's SQL: every write is fenced by the owner's leader term (`owner_epoch`),
 * read under the row's lock in the same transaction, so an owner deposed by a newer term
 * changes nothing; a date's instance is recorded with INSERT IGNORE on the UNIQUE key
 * `(backfill_id, schedule_time)`, so a date never gets two.
 */
export class BackfillStore {
  constructor(
    private readonly db: Db,
    private readonly actor: string,
    private readonly assertLive: () => void,
  ) {}

  /** Backfills that need an owner: RUNNING, or ended with instances still running. */
  async activeIds(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('backfills')
      .select('id')
      .where((eb) => eb.or([eb('state', '=', 'RUNNING'), eb('running_count', '>', 0)]))
      .execute();
    return rows.map((r) => r.id);
  }

  /** Takes a backfill over under `term` unless a newer term has it. Whether it is ours. */
  async claim(id: string, term: bigint): Promise<boolean> {
    this.assertLive();
    await this.db
      .updateTable('backfills')
      .set({ owner: this.actor, owner_epoch: term.toString(), updated_at: new Date() })
      .where('id', '=', id)
      .where('owner_epoch', '<', term.toString())
      .execute();
    const row = await this.db
      .selectFrom('backfills')
      .select('owner_epoch')
      .where('id', '=', id)
      .executeTakeFirst();
    return row !== undefined && BigInt(row.owner_epoch) === term;
  }

  /** The definition version a backfill runs (kept: a version never changes). */
  async specOfBackfill(id: string): Promise<WorkflowDefinitionSpec> {
    const row = await this.db
      .selectFrom('backfills as b')
      .innerJoin('workflow_versions as v', (j) =>
        j.onRef('v.name', '=', 'b.workflow').onRef('v.version', '=', 'b.version'),
      )
      .select('v.spec')
      .where('b.id', '=', id)
      .executeTakeFirstOrThrow();
    return parseStoredSpec(row.spec);
  }

  /**
   * One fenced step: locks the row, reads its dates' instances, lets `decide` plan, records the
   * instances of the dates it starts and the progress (and the end). Undefined when the row is
   * no longer ours (a newer term owns it) or gone.
   */
  async step(
    id: string,
    term: bigint,
    decide: (row: BackfillRow, instances: DateInstances) => StepDecision,
  ): Promise<StepResult | undefined> {
    this.assertLive();
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('backfills')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (row === undefined || BigInt(row.owner_epoch) !== term) return undefined;
      const rows = await trx
        .selectFrom('workflow_instances')
        .select(['id', 'schedule_time', 'state'])
        .where('backfill_id', '=', id)
        .execute();
      const instances = new Map(
        rows.map((r) => [r.schedule_time!.getTime(), { id: r.id, state: r.state }]),
      );
      const { step, startOf } = decide(row, instances);
      const started: string[] = [];
      const reopened = new Set<string>();
      const now = new Date();
      for (const at of step.start) {
        const earlier = instances.get(at);
        if (earlier !== undefined) {
          // A date a resume named: its one instance is carried on in place (a new round).
          const instance = await lockInstance(trx, earlier.id);
          const how = instance.state === 'FAILURE' ? 'recover' : 'resume from STOP';
          await reopenInstance(trx, instance, {
            actor: this.actor,
            reason: `${how} (round ${instance.round + 1}): backfill ${id} resumed`,
          });
          reopened.add(earlier.id);
          started.push(earlier.id);
          continue;
        }
        const date = startOf(at);
        // One statement: the trigger records the SUBMITTED state change with it.
        const result = await trx
          .insertInto('workflow_instances')
          .ignore()
          .values({
            workflow: row.workflow,
            version: row.version,
            execution_type: date.executionType,
            state: 'SUBMITTED',
            params: JSON.stringify(date.params),
            owner: null,
            backfill_id: id,
            labels: row.labels,
            schedule_time: new Date(at),
            change_actor: this.actor,
            change_reason: date.reason,
            trace_parent: date.traceParent,
            created_at: now,
            updated_at: now,
          })
          .executeTakeFirst();
        if (result.numInsertedOrUpdatedRows === 1n && result.insertId !== undefined)
          started.push(String(result.insertId));
      }
      // The backfill's labels, per instance, for label selectors (as a start records them).
      const labels = Object.entries(parseStoredLabels(row.labels));
      if (started.length > reopened.size && labels.length > 0)
        await trx
          .insertInto('instance_labels')
          .values(
            // A reopened date's instance has its labels already.
            started
              .filter((i) => !reopened.has(i))
              .flatMap((instanceId) =>
                labels.map(([key, value]) => ({
                  instance_id: instanceId,
                  label_key: key,
                  label_value: value,
                })),
              ),
          )
          .execute();
      const { counts, end } = step;
      const rerun = rerunOf(row).filter((i) => !reopened.has(i));
      await trx
        .updateTable('backfills')
        .set({
          done_count: counts.done,
          failed_count: counts.failed,
          running_count: counts.running,
          pending_count: counts.pending,
          failed_dates: JSON.stringify(step.failedDates.map((at) => new Date(at).toISOString())),
          rerun_instances: rerun.length === 0 ? null : JSON.stringify(rerun),
          updated_at: now,
          ...(end === undefined
            ? {}
            : { state: end.state, reason: end.reason, ended_at: sql<Date>`NOW(3)` }),
        })
        .where('id', '=', id)
        .execute();
      return { started, ended: end !== undefined };
    });
  }
}

/** The instances a resume named that are not reopened yet. */
export function rerunOf(row: Pick<BackfillRow, 'rerun_instances'>): string[] {
  return row.rerun_instances === null ? [] : (JSON.parse(row.rerun_instances) as string[]);
}
