import type { Db } from '../../shared/db/connect.js';
import type { ExecutionType } from '../../shared/domain/workflow-spec.js';
import { recordAudit, type AuditEvent } from './audit-log.js';
import { admitPendingStart } from './pending-starts.js';
import type { RequestKey } from './requests/request-key.js';
import { recordRequest } from './requests/request-store.js';

/** A SUBMITTED instance about to be recorded: by a start, or by a rerun. */
export interface NewInstance {
  workflow: string;
  version: number;
  executionType: ExecutionType;
  /** Effective params: the definition's overlaid with the start's. */
  params: Record<string, string>;
  rerunOf: string | null;
  /** The business time it runs as; undefined: the time it is recorded (its created_at). */
  scheduleTime: Date | undefined;
  /** Who records it (this api process), and why: the first state change's actor and reason. */
  changeActor: string;
  changeReason: string;
  traceParent: string | null;
  /** A start from tasks: the tasks named and the scope (see shared/domain/start-scope.ts). */
  startTasks?: { names: string[]; scope: string };
  /** Validated labels (shared/domain/labels.ts); empty for none. */
  labels: Record<string, string>;
}

/**
 * Records a SUBMITTED instance, its labels, its audit event and its request id (when given) in
 * one transaction, after admitting it against the definition's pending-starts limit: all of it,
 * or nothing. Returns the new id.
 *
 * @throws NotFoundError, ResourceExhaustedError (see admitPendingStart); the UNIQUE key's error
 *   when `request` was recorded meanwhile (RequestIds.once answers it).
 */
export async function recordStart(
  db: Db,
  instance: NewInstance,
  pendingLimit: number,
  audit: Omit<AuditEvent, 'targetKind' | 'target'>,
  request?: RequestKey,
): Promise<string> {
  return db
    .transaction()
    .setIsolationLevel('read committed')
    .execute(async (trx) => {
      await admitPendingStart(trx, instance.workflow, pendingLimit);
      const now = new Date();
      // One statement: a trigger records the SUBMITTED state change with it.
      const inserted = await trx
        .insertInto('workflow_instances')
        .values({
          workflow: instance.workflow,
          version: instance.version,
          execution_type: instance.executionType,
          state: 'SUBMITTED',
          params: JSON.stringify(instance.params),
          owner: null,
          rerun_of: instance.rerunOf,
          change_actor: instance.changeActor,
          change_reason: instance.changeReason,
          trace_parent: instance.traceParent,
          schedule_time: instance.scheduleTime ?? now,
          start_tasks: instance.startTasks ? JSON.stringify(instance.startTasks.names) : null,
          start_scope: instance.startTasks?.scope ?? null,
          labels: labelsJson(instance.labels),
          created_at: now,
          updated_at: now,
        })
        .executeTakeFirstOrThrow();
      const id = String(inserted.insertId);
      const labels = Object.entries(instance.labels);
      if (labels.length > 0)
        await trx
          .insertInto('instance_labels')
          .values(
            labels.map(([key, value]) => ({ instance_id: id, label_key: key, label_value: value })),
          )
          .execute();
      await recordAudit(trx, { ...audit, targetKind: 'instance', target: id }, now);
      await recordRequest(trx, request, 'instance', id, now);
      return id;
    });
}

function labelsJson(labels: Record<string, string>): string | null {
  return Object.keys(labels).length === 0 ? null : JSON.stringify(labels);
}
