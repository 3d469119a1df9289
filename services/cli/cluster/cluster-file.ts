/**
 * `$BATON_HOME/cluster.json`: what `baton cluster up` started, so that later commands find the
 * api and `baton cluster status|down` find the processes.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CliError } from '../cli-error.js';

const serverSchema = z.object({
  pid: z.number().int().positive(),
  dataDir: z.string(),
  logFile: z.string(),
});

const processSchema = z.object({
  name: z.string(),
  role: z.string(),
  pid: z.number().int().positive(),
  address: z.string(),
  logFile: z.string(),
});

export const clusterFileSchema = z.object({
  home: z.string(),
  etcd: serverSchema.extend({
    endpoint: z.string(),
    clientPort: z.number().int().optional(),
    peerPort: z.number().int().optional(),
  }),
  mariadb: serverSchema.extend({ url: z.string(), port: z.number().int().optional() }),
  database: z.string(),
  mysqlUrl: z.string(),
  etcdPrefix: z.string(),
  apiAddress: z.string(),
  /** The CA certificate the api's TLS certificate is checked against; absent: plaintext. */
  caFile: z.string().optional(),
  /** The admin token `cluster up` created; the CLI uses it when given none. */
  token: z.string().optional(),
  leaseTtlMs: z.number().int(),
  processes: z.array(processSchema),
  startedAt: z.string(),
});

export type ClusterFile = z.infer<typeof clusterFileSchema>;

export function clusterFilePath(home: string): string {
  return join(home, 'cluster.json');
}

/**
 * Reads and checks `$home/cluster.json`.
 * @returns undefined when there is none
 * @throws CliError when it exists but cannot be read or is not a cluster file
 */
export async function readClusterFile(home: string): Promise<ClusterFile | undefined> {
  const path = clusterFilePath(home);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not valid JSON; delete it if no cluster is running`);
  }
  const parsed = clusterFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      `${path} is not a Baton cluster file (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}); ` +
        'delete it if no cluster is running',
    );
  }
  return parsed.data;
}

/**
 * Writes `$home/cluster.json` atomically (a reader never sees half a file), mode 0600: it holds
 * the MySQL URL with its password and the admin token.
 */
export async function writeClusterFile(home: string, file: ClusterFile): Promise<void> {
  await mkdir(home, { recursive: true });
  const path = clusterFilePath(home);
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  // `mode` applies only when the file is created, and the umask may take bits away, never add
  // them: a fresh temporary file is 0600 at most. The rename keeps it.
  await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  await rename(temporary, path);
}

export async function removeClusterFile(home: string): Promise<void> {
  await rm(clusterFilePath(home), { force: true });
}
