import { z } from 'zod';

/**
 * One admission of an instance to its definition's serial queue: the instance, the queue ticket
 * it waits under (its id, or the ticket it drew when it was recovered or resumed from STOP), and
 * its round (0 for a new instance). A ticket names one admission: an instance carried on in
 * place is a new admission, and what etcd still holds under its old ticket is stale.
 */
export interface Admission {
  instanceId: string;
  ticket: string;
  round: number;
}

// `ticket` and `round` are absent in values written before migration 0012: then the ticket is
// the instance id and the round 0 (see the converters in services/coordinator/stored-values.ts).
const admissionFields = {
  ticket: z.string().regex(/^\d+$/).optional(),
  round: z.number().int().nonnegative().optional(),
};

/** The running slot of a serial definition: which instance holds it, and under which owner. */
export const slotValueSchema = z.object({
  instanceId: z.string(),
  owner: z.string(),
  epoch: z.string(),
  since: z.string(),
  ...admissionFields,
});
export type SlotValue = z.infer<typeof slotValueSchema>;

/** A waiting instance. */
export const queueEntrySchema = z.object({
  instanceId: z.string(),
  owner: z.string(),
  epoch: z.string(),
  queuedAt: z.string(),
  executionType: z.string(),
  ...admissionFields,
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

/** A waiting instance that a newer one superseded (SERIAL_PRIORITY). */
export const tombstoneSchema = z.object({
  instanceId: z.string(),
  owner: z.string(),
  reason: z.string(),
  at: z.string(),
  ...admissionFields,
});
export type Tombstone = z.infer<typeof tombstoneSchema>;

/** The ticket a stored slot, entry or tombstone was written under (its instance id if none). */
export function ticketOf(value: { instanceId: string; ticket?: string | undefined }): string {
  return value.ticket ?? value.instanceId;
}

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
