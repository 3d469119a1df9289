import type { Db } from '../../shared/db/connect.js';

/** Every action the audit log records. */
export const AUDIT_ACTIONS = [
  'apply',
  'start',
  'stop',
  'rerun',
  'recover',
  'force-success',
  'pause',
  'resume',
  'schedule.pause',
  'schedule.resume',
  'backfill.start',
  'backfill.stop',
  'backfill.resume',
  'task-group.create',
  'task-group.resize',
  'token.create',
  'token.revoke',
  'alert-channel.create',
  'alert-channel.delete',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_KINDS = [
  'workflow',
  'instance',
  'token',
  'backfill',
  'task-group',
  'alert-channel',
] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

export interface AuditEvent {
  actor: string;
  action: AuditAction;
  targetKind: AuditTargetKind;
  /** `name@version` for a workflow, the id for an instance, the name for a token. */
  target: string;
  detail: Record<string, unknown>;
}

/**
 * Records an audited action. Call it inside the transaction that makes the change, so the
 * change and its record commit or roll back together.
 */
export async function recordAudit(trx: Db, event: AuditEvent, at = new Date()): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      at,
      actor: event.actor,
      action: event.action,
      target_kind: event.targetKind,
      target: event.target,
      detail: JSON.stringify(event.detail),
    })
    .execute();
}
