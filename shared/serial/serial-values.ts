import { z } from 'zod';

/** The running slot of a serial definition: which instance holds it, and under which owner. */
export const slotValueSchema = z.object({
  instanceId: z.string(),
  owner: z.string(),
  epoch: z.string(),
  since: z.string(),
});
export type SlotValue = z.infer<typeof slotValueSchema>;

/** A waiting instance. */
export const queueEntrySchema = z.object({
  instanceId: z.string(),
  owner: z.string(),
  epoch: z.string(),
  queuedAt: z.string(),
  executionType: z.string(),
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

/** A waiting instance that a newer one superseded (SERIAL_PRIORITY). */
export const tombstoneSchema = z.object({
  instanceId: z.string(),
  owner: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type Tombstone = z.infer<typeof tombstoneSchema>;

export const SERIAL_DECISIONS = ['ADMITTED', 'QUEUED', 'DISCARDED'] as const;
export type SerialDecisionKind = (typeof SERIAL_DECISIONS)[number];

/** Parses a stored value; undefined when it is not valid JSON of that shape (never throws). */
export function parseValue<T>(schema: z.ZodType<T>, raw: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
