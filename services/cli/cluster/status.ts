import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { runCommand } from '../run-command.js';
import { localTime, table } from '../text-format.js';
import { clusterFilePath, readClusterFile, type ClusterFile } from './cluster-file.js';
import { clusterMembers, isAlive } from './process-check.js';

/**
 * `baton cluster status`: every process of the local cluster and whether it still runs.
 * Exits 1 when there is no cluster.json, or when some process has died.
 */
export function registerClusterStatus(cluster: Command): void {
  cluster
    .command('status')
    .description('show the processes of the local cluster and whether they run')
    .action((_opts: unknown, command: Command) =>
      runCommand(command, async (ctx) => {
        const file = await requireClusterFile(ctx);
        const processes = clusterMembers(file).map((m) => ({
          name: m.name,
          role: m.role,
          pid: m.pid,
          address: m.address,
          alive: isAlive(m.pid, m.signature),
        }));
        if (ctx.json) {
          ctx.printJson({ home: file.home, apiAddress: file.apiAddress, processes });
        } else {
          ctx.say(`cluster in ${file.home}, started ${localTime(file.startedAt) ?? '?'}`);
          ctx.say(`api: ${file.apiAddress}\n`);
          ctx.say(
            table(
              ['NAME', 'ROLE', 'PID', 'ADDRESS', 'STATE'],
              processes.map((p) => [
                p.name,
                p.role,
                p.pid,
                p.address,
                p.alive ? 'running' : 'DEAD',
              ]),
            ),
          );
        }
        const dead = processes.filter((p) => !p.alive).map((p) => p.name);
        if (dead.length === processes.length) {
          throw new CliError(
            `the cluster in ${file.home} is not running; baton cluster up starts it again`,
          );
        }
        if (dead.length > 0) {
          throw new CliError(
            `${dead.length} of ${processes.length} processes are not running (${dead.join(', ')}); ` +
              'restart with: baton cluster down && baton cluster up',
          );
        }
      }),
    );
}

/** @throws CliError naming the missing file and how to start a cluster */
export async function requireClusterFile(ctx: CliContext): Promise<ClusterFile> {
  const file = await readClusterFile(ctx.home);
  if (file === undefined) {
    throw new CliError(
      `no cluster in ${ctx.home}: ${clusterFilePath(ctx.home)} does not exist ` +
        '(start one with baton cluster up)',
    );
  }
  return file;
}
