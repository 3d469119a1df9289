import { z } from 'zod';
import { InternalError } from '../../../shared/errors.js';

/**
 * What a CONDITIONS or SWITCH attempt decided, stored with the attempt in the same fenced write
 * that ends it (invariant D1): which branch targets it took, which it skipped, and the values
 * it read. A master that adopts the instance reads this and never evaluates again.
 */
const decisionSchema = z.object({
  kind: z.enum(['CONDITIONS', 'SWITCH']),
  /** Branch targets taken: they run (or wait for their other dependencies). */
  chosen: z.array(z.string()),
  /** Branch targets not taken: they and what only they lead to end SKIPPED. */
  skipped: z.array(z.string()),
  /** CONDITIONS: the condition's value. SWITCH: the case taken (its index), or "default". */
  outcome: z.union([z.boolean(), z.number(), z.literal('default')]),
  /** CONDITIONS: the final states it tested. SWITCH: the params its expressions read. */
  inputs: z.record(z.string(), z.string()),
});

export type TaskDecision = z.infer<typeof decisionSchema>;

/** @throws InternalError when the stored column is not a decision (a corrupt row). */
export function parseDecision(json: string): TaskDecision {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new InternalError('stored decision is not JSON', { cause: err });
  }
  const parsed = decisionSchema.safeParse(value);
  if (!parsed.success) throw new InternalError('stored decision has the wrong shape');
  return parsed.data;
}
