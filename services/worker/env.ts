import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { commonEnvSchema, flag } from '../../shared/config/common-env.js';

/**
 * The worker's own credential settings. A task must never see them, so an allow-list entry
 * naming one (or any of these families) is refused at start: an operator listing one by
 * mistake would hand the cluster's keys to every user command.
 */
export const CREDENTIAL_SETTINGS = [
  'MYSQL_URL',
  'MYSQL_PASSWORD_FILE',
  'ETCD_ENDPOINTS',
  'ETCD_USERNAME',
  'ETCD_PASSWORD',
  'ETCD_PASSWORD_FILE',
  'TLS_CA_FILE',
  'TLS_CERT_FILE',
  'TLS_KEY_FILE',
  'BATON_TOKEN',
] as const;
const CREDENTIAL_FAMILIES = /^(MYSQL_|ETCD_|TLS_|BATON_)|_KEY_FILE$/;

/** True for a variable name that is, or looks like, one of the worker's credentials. */
export function isCredentialSetting(name: string): boolean {
  return (
    (CREDENTIAL_SETTINGS as readonly string[]).includes(name) || CREDENTIAL_FAMILIES.test(name)
  );
}

export const workerEnvSchema = commonEnvSchema.extend({
  /** Tasks name a worker group; a worker serves exactly one. */
  WORKER_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/)
    .default('default'),
  /** Task logs and working directories live here. */
  WORKER_DATA_DIR: z.string().default(join(tmpdir(), 'baton-worker')),
  /**
   * Where each attempt's working directory is made; default `<WORKER_DATA_DIR>/work` (or, when
   * TASK_USER cannot reach that, a private directory under the system temp dir).
   */
  TASK_WORK_DIR: z.string().min(1).optional(),
  TASK_KILL_GRACE_MS: z.coerce.number().int().min(0).default(5_000),
  /** Variables of the worker's own environment a task may see; everything else is scrubbed. */
  TASK_ENV_ALLOWLIST: z
    .string()
    .default('PATH,HOME,LANG,LC_ALL,TZ,TMPDIR')
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    )
    .superRefine((names, ctx) => {
      for (const name of names.filter(isCredentialSetting)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `names ${name}, a credential setting of the worker; tasks must never see it`,
        });
      }
    }),
  /**
   * The user tasks run as: a name or `uid[:gid]`. Required when the worker runs as root (unless
   * ALLOW_ROOT_TASKS); otherwise it may only name the worker's own user.
   */
  TASK_USER: z.string().trim().min(1).optional(),
  /** Lets a worker running as root run tasks as root. */
  ALLOW_ROOT_TASKS: flag,
  /** A task's stored log stops here (plus a one-line marker); the task itself goes on. */
  MAX_TASK_LOG_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;
