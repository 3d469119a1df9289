import type { Backfill__Output } from '../../shared/proto/gen/baton/v1/Backfill.js';
import { orNull } from './instance-json.js';

/** A backfill as JSON (camelCase, unset fields null). */
export function backfillJson(b: Backfill__Output) {
  return {
    id: b.id,
    workflow: b.workflow,
    version: b.version,
    state: b.state,
    reason: orNull(b.reason),
    parallel: b.parallel,
    order: b.order,
    onFailure: b.on_failure,
    params: { ...b.params },
    labels: { ...b.labels },
    total: b.total,
    done: b.done,
    failed: b.failed,
    running: b.running,
    pending: b.pending,
    failedDates: [...b.failed_dates],
    owner: orNull(b.owner),
    createdBy: b.created_by,
    createdAt: orNull(b.created_at),
    endedAt: orNull(b.ended_at),
    dates: b.dates.map((d) => ({
      fireTime: d.fire_time,
      instanceId: orNull(d.instance_id),
      state: orNull(d.state),
    })),
  };
}
