import { z } from 'zod';
import { alertTargetEnv } from '../../shared/alerts/target-policy.js';
import { commonEnvSchema } from '../../shared/config/common-env.js';

const ms = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);

export const masterEnvSchema = commonEnvSchema
  .extend({
    ...alertTargetEnv,
    /** How often the alert sender looks for due outbox rows (it also wakes on its own writes). */
    ALERT_POLL_INTERVAL_MS: ms(50, 1_000),
    /** First retry delay of a failed webhook; doubling, jittered, up to ALERT_RETRY_MAX_MS. */
    ALERT_RETRY_INITIAL_MS: ms(10, 1_000),
    ALERT_RETRY_MAX_MS: ms(10, 300_000),
    /** One webhook request's deadline (connect to last byte). */
    ALERT_TIMEOUT_MS: ms(100, 10_000),
    /** How long a sender holds a claimed event: past it, another master may send it again. */
    ALERT_LEASE_MS: ms(500, 30_000),
    /** An event still undelivered this long after it happened is given up (ABANDONED). */
    ALERT_GIVE_UP_AFTER_MS: ms(1_000, 24 * 3_600_000),
    /** How often the reconciler adopts orphans and re-checks owned instances. */
    RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(2_000),
    /** How long a just-started instance may wait for its push before a reconciler adopts it. */
    SUBMIT_GRACE_MS: z.coerce.number().int().min(0).default(3_000),
  })
  .refine((env) => env.ALERT_LEASE_MS > env.ALERT_TIMEOUT_MS, {
    path: ['ALERT_LEASE_MS'],
    message: 'must be longer than ALERT_TIMEOUT_MS (a lease must outlast the request it covers)',
  });
