import { z } from 'zod';
import { alertTargetEnv } from '../../shared/alerts/target-policy.js';
import { commonEnvSchema } from '../../shared/config/common-env.js';
import { parseDuration } from '../../shared/domain/duration.js';
import { errorMessage } from '../../shared/errors.js';
import { DEFAULT_MAX_INFLIGHT_CALLS } from '../../shared/grpc/admission.js';
import { DEFAULT_API_LIMITS as DEFAULTS, type ApiLimits } from './api-limits.js';

const count = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

/** gRPC's default largest message: a definition cannot be larger than the request carrying it. */
const GRPC_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export const apiEnvSchema = commonEnvSchema.extend({
  /** Which webhook hosts alert channels may name (shared/alerts/target-policy.ts). */
  ...alertTargetEnv,
  /** Largest definition: its YAML text, or its spec serialized as JSON (UTF-8 bytes). */
  MAX_DEFINITION_BYTES: count(GRPC_MAX_MESSAGE_BYTES - 64 * 1024, DEFAULTS.definitionBytes),
  MAX_TASKS_PER_DEFINITION: count(100_000, DEFAULTS.tasks),
  /** Largest command of one task (UTF-8 bytes). */
  MAX_COMMAND_BYTES: count(GRPC_MAX_MESSAGE_BYTES, DEFAULTS.commandBytes),
  /** Largest params of a definition or a start request: all names and values (UTF-8 bytes). */
  MAX_PARAMS_BYTES: count(GRPC_MAX_MESSAGE_BYTES, DEFAULTS.paramsBytes),
  MAX_PARAM_COUNT: count(100_000, DEFAULTS.paramCount),
  /** Instances of one definition in SUBMITTED or SERIAL_WAIT; a start beyond is refused. */
  MAX_PENDING_STARTS: count(100_000_000, DEFAULTS.pendingStarts),
  /** Calls in flight on this replica; past it a call is RESOURCE_EXHAUSTED with a retry hint. */
  MAX_INFLIGHT_CALLS: count(1_000_000, DEFAULT_MAX_INFLIGHT_CALLS),
  /**
   * How long a request id is remembered (a duration such as 7d, 12h; at most 30d): a repeat
   * within it answers the first call's result; after it the id may be used afresh.
   */
  REQUEST_ID_RETENTION: z
    .string()
    .default('7d')
    .transform((text, ctx) => {
      try {
        const ms = parseDuration(text, 'REQUEST_ID_RETENTION');
        if (ms > 0) return ms;
        ctx.addIssue({ code: 'custom', message: 'must be greater than 0' });
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: errorMessage(err) });
      }
      return z.NEVER;
    }),
  /** How often this api deletes request ids past their retention (in bounded batches). */
  REQUEST_ID_PURGE_INTERVAL_MS: count(24 * 60 * 60 * 1000, 60_000),
  /** Watch streams (WatchInstance, WatchInstances) this replica serves at once. */
  MAX_WATCH_STREAMS: count(100_000, 1_000),
  /**
   * Changes queued for one watch stream whose client reads slower than they come, in bytes;
   * past it the stream ends RESOURCE_EXHAUSTED (README "Watching": the memory bound).
   */
  WATCH_BUFFER_BYTES: count(64 * 1024 * 1024, 256 * 1024),
  /** How often the replica's one poller reads new rows of state_changes. */
  WATCH_POLL_MS: count(60_000, 100),
  /** A gap in state_changes ids open this long gets a settling (locking) read. */
  WATCH_GAP_PROBE_MS: count(60_000, 200),
  /** A gap open this long is given up (a transaction held its change uncommitted that long). */
  WATCH_GAP_TIMEOUT_MS: count(3_600_000, 60_000),
});

export type ApiEnv = z.infer<typeof apiEnvSchema>;

/** The limits the api enforces, from its environment. */
export function apiLimitsOf(env: ApiEnv): ApiLimits {
  return {
    definitionBytes: env.MAX_DEFINITION_BYTES,
    tasks: env.MAX_TASKS_PER_DEFINITION,
    commandBytes: env.MAX_COMMAND_BYTES,
    paramsBytes: env.MAX_PARAMS_BYTES,
    paramCount: env.MAX_PARAM_COUNT,
    pendingStarts: env.MAX_PENDING_STARTS,
  };
}
