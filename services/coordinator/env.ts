import { z } from 'zod';
import { commonEnvSchema } from '../../shared/config/common-env.js';

export const coordinatorEnvSchema = commonEnvSchema.extend({
  /** How often held slots and queue entries are compared with MySQL (bounds a lost hand-off). */
  SERIAL_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(2_000),
  /**
   * How long an earlier-submitted instance that is not queued yet (still SUBMITTED) may hold
   * back the queue head, to keep submission order. After that, liveness wins over order.
   */
  SERIAL_GAP_WAIT_MS: z.coerce.number().int().min(0).default(30_000),
});
