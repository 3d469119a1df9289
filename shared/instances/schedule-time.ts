import type { InstanceRow } from '../db/schema.js';

/**
 * An instance's business time: its stored `schedule_time`, else what migration 0008 filled in
 * for older rows (the fire time, else the creation time). NULL is only left by a process from
 * before 0008 that recorded an instance after the migration ran (a rolling upgrade); reading it
 * through here gives such a row the same time the migration would have.
 */
export function scheduleTimeOf(
  row: Pick<InstanceRow, 'schedule_time' | 'scheduled_at' | 'created_at'>,
): Date {
  return row.schedule_time ?? row.scheduled_at ?? row.created_at;
}
