import { hostname } from 'node:os';
import { z } from 'zod';
import { InvalidArgumentError } from '../errors.js';
import { DEFAULT_SERIAL_SHARDS } from '../serial/serial-keys.js';
import { DEFAULT_BULK_CONCURRENCY, DEFAULT_BULK_QUEUE } from '../etcd/bulkhead.js';

/** `host:port`; port 0 means "pick a free one". */
const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port');

/** `true`/`false` (or 1/0), default false; z.coerce.boolean would read "false" as true. */
export const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

/** Settings every Baton service process reads from its environment. */
export const commonEnvSchema = z.object({
  ETCD_ENDPOINTS: z
    .string()
    .min(1)
    .transform((s) =>
      s
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e !== ''),
    ),
  /** Every key Baton writes lives under this prefix; several clusters can share one etcd. */
  ETCD_PREFIX: z
    .string()
    .default('/baton/')
    .refine((p) => p.startsWith('/') && p.endsWith('/'), 'must start and end with /'),
  /** mysql://user[:password]@host:port/database; with MYSQL_PASSWORD_FILE, no password here. */
  MYSQL_URL: z.string().url(),
  /** File holding the MySQL password (trailing newline ignored); see config/mysql-url.ts. */
  MYSQL_PASSWORD_FILE: z.string().min(1).optional(),
  /** etcd password auth: the user, with its password in ETCD_PASSWORD_FILE. */
  ETCD_USERNAME: z.string().min(1).optional(),
  ETCD_PASSWORD_FILE: z.string().min(1).optional(),
  /** etcd client TLS (https endpoints): the CA of etcd's certificates, and our client cert. */
  ETCD_CA_FILE: z.string().min(1).optional(),
  ETCD_CERT_FILE: z.string().min(1).optional(),
  ETCD_KEY_FILE: z.string().min(1).optional(),
  MYSQL_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** etcd lease TTL; etcd counts whole seconds. Death of a process is seen within about this. */
  LEASE_TTL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(120_000)
    .refine((ms) => ms % 1000 === 0, 'must be whole seconds')
    .default(10_000),
  /** Where the gRPC server binds. */
  LISTEN: hostPort.default('127.0.0.1:0'),
  /** Address other processes use to reach this one; default: the bound LISTEN address. */
  ADVERTISE_ADDRESS: hostPort.optional(),
  /**
   * Mutual TLS for internal traffic: the cluster CA (PEM) every peer is checked against, and
   * this member's certificate and key. All three or none (shared/tls/tls-settings.ts refuses a
   * partial set at start); with none a process refuses to start unless ALLOW_PLAINTEXT.
   */
  TLS_CA_FILE: z.string().optional(),
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  /**
   * Serve and call without TLS: anyone who reaches a port may call it (and read tokens off the
   * wire). For a single trusted host only; off unless said.
   */
  ALLOW_PLAINTEXT: flag,
  NODE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/)
    .optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Shards serial definitions are spread over; the same on every process of a cluster. */
  SERIAL_SHARDS: z.coerce.number().int().min(1).max(1024).default(DEFAULT_SERIAL_SHARDS),
  /** Where Prometheus scrapes `/metrics` (port 0 picks one; published in the member key). */
  METRICS_LISTEN: hostPort.default('127.0.0.1:0'),
  /**
   * Bulk etcd operations (scans, batched owner-key reads, sweeps) one process runs at once, and
   * how many may wait; past that they are refused as retryable (shared/etcd/bulkhead.ts).
   */
  ETCD_BULK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(DEFAULT_BULK_CONCURRENCY),
  ETCD_BULK_QUEUE: z.coerce.number().int().min(0).max(1_000_000).default(DEFAULT_BULK_QUEUE),
  /** Time a draining process waits for in-flight work before forcing its exit. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
});

export type CommonEnv = z.infer<typeof commonEnvSchema>;

/**
 * Parses a service's environment once at start-up; throws InvalidArgumentError naming the
 * variable at fault.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new InvalidArgumentError(field, issue?.message ?? 'invalid environment');
  }
  return result.data;
}

/** `<role>-<host>-<pid>` unless NODE_NAME is set: unique per process on a machine. */
export function defaultNodeName(role: string): string {
  return `${role}-${hostname().split('.')[0] ?? 'host'}-${process.pid}`;
}
