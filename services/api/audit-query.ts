import type { Db } from '../../shared/db/connect.js';
import type { AuditEventRow } from '../../shared/db/schema.js';
import { InvalidArgumentError } from '../../shared/errors.js';
import {
  optionalTimestamp,
  requireId,
  requireOneOf,
  timestampOf,
} from '../../shared/grpc/validate.js';
import type { AuditEvent } from '../../shared/proto/gen/baton/v1/AuditEvent.js';
import type { ListAuditEventsRequest__Output } from '../../shared/proto/gen/baton/v1/ListAuditEventsRequest.js';
import type { ListAuditEventsResponse } from '../../shared/proto/gen/baton/v1/ListAuditEventsResponse.js';
import { AUDIT_ACTIONS } from './audit-log.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/**
 * One page of the audit log, newest first, filtered by actor, action, target and time. A
 * target without `@` matches an instance of that id and every version of a workflow of that
 * name. The page token is the id of the last event returned.
 *
 * @throws InvalidArgumentError naming the filter at fault
 */
export async function listAuditEvents(
  db: Db,
  req: ListAuditEventsRequest__Output,
): Promise<ListAuditEventsResponse> {
  if (req.actor.length > 128) throw new InvalidArgumentError('actor', 'at most 128 characters');
  if (req.action !== '') requireOneOf(req.action, AUDIT_ACTIONS, 'action');
  if (req.target.length > 160) throw new InvalidArgumentError('target', 'at most 160 characters');
  const since = optionalTimestamp(req.since, 'since');
  if (req.limit < 0 || req.limit > MAX_LIMIT)
    throw new InvalidArgumentError('limit', `must be between 0 and ${MAX_LIMIT}`);
  if (req.page_token !== '') requireId(req.page_token, 'page_token');
  const limit = req.limit || DEFAULT_LIMIT;

  let query = db.selectFrom('audit_events').selectAll();
  if (req.actor !== '') query = query.where('actor', '=', req.actor);
  if (req.action !== '') query = query.where('action', '=', req.action);
  if (since !== undefined) query = query.where('at', '>=', since);
  if (req.page_token !== '') query = query.where('id', '<', req.page_token);
  const target = req.target;
  if (target.includes('@')) {
    query = query.where('target_kind', '=', 'workflow').where('target', '=', target);
  } else if (target !== '') {
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('target_kind', '=', 'instance'), eb('target', '=', target)]),
        eb.and([
          eb('target_kind', '=', 'workflow'),
          eb('target', 'like', `${escapeLike(target)}@%`),
        ]),
      ]),
    );
  }
  // One more than asked tells whether there is a next page.
  const rows = await query
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    events: page.map(auditEventToProto),
    next_page_token: rows.length > limit ? (page.at(-1)?.id ?? '') : '',
  };
}

function auditEventToProto(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    at: timestampOf(row.at),
    actor: row.actor,
    action: row.action,
    target_kind: row.target_kind,
    target: row.target,
    detail: row.detail,
  };
}

/** Names may hold `_`, a LIKE wildcard; match it (and `%`, `\`) literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
