/**
 * A compose service's command run as a local process, the way test/compose-wiring.test.ts
 * stands in for its containers: cwd is the repository (the image's /app).
 */
import { join } from 'node:path';
import { ensureInfraBinaries } from '../../services/cli/cluster/infra/debian-packages.js';
import { repoRoot } from '../../services/cli/cluster/infra/repo-root.js';
import {
  spawnServer,
  type ServerProcess,
} from '../../services/cli/cluster/infra/server-process.js';

/** The CLI the image links as `baton`. */
export const CLI = join(repoRoot(), 'dist', 'services', 'cli', 'main.js');

/**
 * Compose's exec form run here: `node` is this Node, `baton` the CLI the image links, `etcd`
 * the etcd the test infrastructure uses, `sh` the shell.
 */
export async function localArgv(argv: string[]): Promise<[string, string[]]> {
  const [program, ...args] = argv;
  if (program === 'node') return [process.execPath, args];
  if (program === 'baton') return [process.execPath, [CLI, ...args]];
  if (program === 'etcd') return [(await ensureInfraBinaries()).etcd, args];
  if (program === 'sh') return ['/bin/sh', args];
  throw new Error(`cannot run ${argv.join(' ')} here`);
}

/** Starts the service `name` running `argv` with `env`, its log in `<logDir>/<name>.log`. */
export async function spawnComposeProcess(
  name: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  logDir: string,
  stopGraceMs: number,
): Promise<ServerProcess> {
  const [command, args] = await localArgv(argv);
  return spawnServer({
    name,
    command,
    args,
    cwd: repoRoot(),
    logFile: join(logDir, `${name}.log`),
    detached: false,
    stopGraceMs,
    env,
  });
}
