import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Kysely's view of the MySQL schema (shared/db/migrations). BIGINT columns arrive as strings
 * (mysql2 `bigNumberStrings`): ids stay opaque strings, epochs are converted to bigint at the
 * edge. DATETIME(3) columns are UTC Dates.
 */
export interface Database {
  workflows: WorkflowsTable;
  workflow_versions: WorkflowVersionsTable;
  workflow_instances: WorkflowInstancesTable;
  task_instances: TaskInstancesTable;
  state_changes: StateChangesTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  backfills: BackfillsTable;
  task_groups: TaskGroupsTable;
  request_ids: RequestIdsTable;
  instance_labels: InstanceLabelsTable;
  alert_channels: AlertChannelsTable;
  alert_events: AlertEventsTable;
  alert_deliveries: AlertDeliveriesTable;
}

export interface WorkflowsTable {
  name: string;
  latest_version: number;
  execution_type: string;
  created_at: Date;
  updated_at: Date;
  /** ONLINE (fires) or OFFLINE (paused by `baton schedule pause`); kept across versions. */
  schedule_state: Generated<string>;
  /** When schedule_state last changed; fires missed before it (while offline) never count. */
  schedule_state_at: Date | null;
}

export interface WorkflowVersionsTable {
  name: string;
  version: number;
  /** The normalized WorkflowDefinitionSpec as JSON text. */
  spec: string;
  created_at: Date;
}

export interface WorkflowInstancesTable {
  id: Generated<string>;
  workflow: string;
  version: number;
  execution_type: string;
  state: string;
  /** Effective parameters (definition params overlaid with start params) as JSON text. */
  params: string;
  owner: string | null;
  /** The owning master's etcd claim revision; every write about the instance is fenced by it. */
  owner_epoch: ColumnType<string, string | undefined, string>;
  parent_instance_id: string | null;
  parent_task: string | null;
  parent_task_attempt: number | null;
  stop_requested: ColumnType<number, number | undefined, number>;
  stop_reason: string | null;
  /** Who made the latest state change and why (copied into state_changes by a trigger). */
  change_actor: ColumnType<string | null, string | null | undefined, string | null>;
  change_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The schedule fire time that started it (UNIQUE per workflow). */
  scheduled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** W3C traceparent of the span the instance's work continues (see migration 0005). */
  trace_parent: ColumnType<string | null, string | null | undefined, string | null>;
  /** The instance this one reruns (migration 0007); set when it is recorded, never changed. */
  rerun_of: ColumnType<string | null, string | null | undefined, never>;
  /** The business time it runs as (migration 0008): fire time, the one given, or creation. */
  schedule_time: ColumnType<Date | null, Date | null | undefined, never>;
  /** Times it was carried on in place: recovered or resumed (migration 0009). */
  round: ColumnType<number, number | undefined, number>;
  /** A pause recorded by the api, carried out by the owner (migration 0009). */
  pause_requested: ColumnType<number, number | undefined, number>;
  /** Start-from-tasks: JSON list of task names, and FROM, ONLY or TO (migration 0009). */
  start_tasks: ColumnType<string | null, string | null | undefined, string | null>;
  start_scope: ColumnType<string | null, string | null | undefined, string | null>;
  /** Tasks a `recover --from` runs again in the current round (JSON list; migration 0009). */
  rerun_tasks: ColumnType<string | null, string | null | undefined, string | null>;
  /**
   * The serial queue ticket drawn when it was carried on in place, and when; NULL: the ticket
   * is the id (migration 0012, shared/instances/queue-ticket.ts).
   */
  queue_ticket: ColumnType<string | null, string | null | undefined, string | null>;
  queue_ticket_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** When the pause committed, null when not paused (migration 0010). */
  paused_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The pauses that ended, JSON `[[from_ms, to_ms], ...]` (migration 0010). */
  paused_spans: ColumnType<string | null, string | null | undefined, string | null>;
  /** The backfill that started it (migration 0013); UNIQUE with schedule_time. */
  backfill_id: ColumnType<string | null, string | null | undefined, never>;
  /** JSON object of its labels (migration 0015), null without; set when recorded, never changed. */
  labels: ColumnType<string | null, string | null | undefined, never>;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  updated_at: Date;
}

export interface TaskInstancesTable {
  id: Generated<string>;
  instance_id: string;
  task: string;
  type: string;
  attempt: number;
  state: string;
  worker: string | null;
  child_instance_id: string | null;
  exit_code: number | null;
  /** JSON object of the OUT params of a successful attempt (migration 0008). */
  outputs: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON of a CONDITIONS/SWITCH attempt's decision (migration 0008), written once. */
  decision: ColumnType<string | null, string | null | undefined, string | null>;
  change_actor: ColumnType<string | null, string | null | undefined, string | null>;
  change_reason: ColumnType<string | null, string | null | undefined, string | null>;
  change_epoch: ColumnType<string, string | undefined, string>;
  /** The instance's round the attempt was made in (migration 0009). */
  round: ColumnType<number, number | undefined, never>;
  /** A force-success recorded for the owner of a PAUSE instance to carry out (migration 0010). */
  force_requested: ColumnType<number, number | undefined, number>;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  updated_at: Date;
}

export interface StateChangesTable {
  id: Generated<string>;
  instance_id: string;
  task: string | null;
  attempt: number | null;
  from_state: string | null;
  to_state: string;
  actor: string;
  epoch: string;
  reason: string | null;
  at: Date;
}

export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  role: 'viewer' | 'operator' | 'admin';
  /** Hex SHA-256 of the token; the token itself is shown once, when created, and never stored. */
  token_sha256: string;
  created_at: Generated<Date>;
  created_by: string;
  revoked_at: Date | null;
}

/** The audit log (migration 0007): one row per audited action. */
export interface AuditEventsTable {
  id: Generated<string>;
  at: Date;
  actor: string;
  action: string;
  /** `workflow` (target `name@version`) or `instance` (target its id). */
  target_kind: string;
  target: string;
  /** JSON text: what else identifies the action (params keys, rerun_of, ...). */
  detail: string;
}

/** A backfill (migration 0013): its dates, its owner (the scheduler leader) and progress. */
export interface BackfillsTable {
  id: Generated<string>;
  workflow: string;
  version: number;
  /** RUNNING, SUCCESS, FAILED or STOP. */
  state: string;
  reason: string | null;
  /** JSON list of RFC 3339 fire times, in the order they start. */
  fire_times: string;
  parallel: number;
  date_order: string;
  on_failure: string;
  /** JSON object of the params given to the backfill. */
  params: string;
  owner: string | null;
  owner_epoch: ColumnType<string, string | undefined, string>;
  done_count: ColumnType<number, number | undefined, number>;
  failed_count: ColumnType<number, number | undefined, number>;
  running_count: ColumnType<number, number | undefined, number>;
  pending_count: number;
  /** JSON list of the fire times whose instance did not end SUCCESS. */
  failed_dates: string | null;
  /** Instances a resume asked to carry on, not reopened yet (JSON list; migration 0018). */
  rerun_instances: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  ended_at: Date | null;
  /** JSON object of the labels each of its instances gets (migration 0015); null for none. */
  labels: ColumnType<string | null, string | null | undefined, never>;
}

/**
 * A mutating request carried out under a caller's request id (migration 0015): written in the
 * transaction of what it changed; what a repeat of it is answered with.
 */
export interface RequestIdsTable {
  id: Generated<string>;
  /** The audit actor of the call: its token's name. */
  caller: string;
  request_id: string;
  /** The RPC, e.g. StartInstance. */
  method: string;
  /** Hex SHA-256 of the call's canonical arguments. */
  args_sha256: string;
  /** `instance` or `backfill`, and its id. */
  target_kind: string;
  target: string;
  created_at: Date;
}

/** One label of an instance (migration 0015), for label selectors. */
export interface InstanceLabelsTable {
  instance_id: string;
  label_key: string;
  label_value: string;
}

/** A task group (migration 0014): its name and how many of its tasks may run at once. */
export interface TaskGroupsTable {
  name: string;
  size: number;
  created_at: Date;
  updated_at: Date;
}

/** An alert channel (migration 0016): a webhook and the HMAC key its bodies are signed with. */
export interface AlertChannelsTable {
  id: Generated<string>;
  name: string;
  webhook_url: string;
  /** The HMAC-SHA256 key; never returned by any call. */
  secret: Buffer;
  created_by: string;
  created_at: Date;
}

/** The alert outbox (migration 0016): one row per event, PENDING until a 2xx answer. */
export interface AlertEventsTable {
  id: Generated<string>;
  /** The Idempotency-Key: the same on every attempt. */
  event_id: string;
  channel: string;
  event: string;
  instance_id: string;
  workflow: string;
  version: number;
  instance_state: string;
  reason: string | null;
  epoch: string;
  occurred_at: Date;
  /** PENDING, DELIVERED, DROPPED (its channel was deleted) or ABANDONED (retried too long). */
  status: ColumnType<string, string | undefined, string>;
  /** Attempts claimed so far; a sender's claim token. */
  attempts: ColumnType<number, number | undefined, number>;
  /** When it is due; while a sender holds it, when that sender's lease runs out. */
  next_attempt_at: Date;
  locked_by: string | null;
  last_error: string | null;
  delivered_at: Date | null;
}

/** One delivery attempt of an alert event (migration 0016). */
export interface AlertDeliveriesTable {
  id: Generated<string>;
  alert_event_id: string;
  event_id: string;
  channel: string;
  attempt: number;
  /** delivered | failed | dropped | abandoned */
  result: string;
  http_status: number | null;
  error: string | null;
  duration_ms: number;
  sender: string;
  at: Date;
}

export type AlertEventRow = Selectable<AlertEventsTable>;
export type InstanceRow = Selectable<WorkflowInstancesTable>;
export type BackfillRow = Selectable<BackfillsTable>;
export type TaskRow = Selectable<TaskInstancesTable>;
export type StateChangeRow = Selectable<StateChangesTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
