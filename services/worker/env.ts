import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { commonEnvSchema } from '../../shared/config/common-env.js';

export const workerEnvSchema = commonEnvSchema.extend({
  /** Tasks name a worker group; a worker serves exactly one. */
  WORKER_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/)
    .default('default'),
  /** Task logs and working directories live here. */
  WORKER_DATA_DIR: z.string().default(join(tmpdir(), 'baton-worker')),
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
    ),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;
