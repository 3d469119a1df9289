import { z } from 'zod';
import { commonEnvSchema } from '../../shared/config/common-env.js';

export const masterEnvSchema = commonEnvSchema.extend({
  /** How often the reconciler adopts orphans and re-checks owned instances. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(2_000),
  /** How long a just-started instance may wait for its push before a reconciler adopts it. */
  SUBMIT_GRACE_MS: z.coerce.number().int().min(0).default(3_000),
});
