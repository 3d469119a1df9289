import { z } from 'zod';

/** One task attempt of a grouped task, as the group's slot or queue records it. */
const attemptFields = {
  instanceId: z.string(),
  taskInstanceId: z.string(),
  task: z.string(),
  attempt: z.number().int(),
  priority: z.number().int().min(0).max(9),
  /** The instance's owning master when it asked, and its epoch: where admission is pushed. */
  owner: z.string(),
  epoch: z.string(),
};

/** A held slot. */
export const taskGroupSlotSchema = z.object({ ...attemptFields, since: z.string() });
export type TaskGroupSlotValue = z.infer<typeof taskGroupSlotSchema>;

/** A waiting attempt. */
export const taskGroupEntrySchema = z.object({ ...attemptFields, queuedAt: z.string() });
export type TaskGroupEntryValue = z.infer<typeof taskGroupEntrySchema>;

export type TaskGroupAttempt = Omit<TaskGroupEntryValue, 'queuedAt'>;

export const TASK_GROUP_DECISIONS = ['ADMITTED', 'QUEUED'] as const;
export type TaskGroupDecision = (typeof TASK_GROUP_DECISIONS)[number];
