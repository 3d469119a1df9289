import type { Command } from 'commander';
import { runCommand } from '../run-command.js';
import { elapsed } from '../text-format.js';
import { clusterFilePath, readClusterFile, removeClusterFile } from './cluster-file.js';
import { clusterMembers, type ClusterMember } from './process-check.js';
import { stopProcess } from './stop-process.js';

/** Each process gets this long after SIGTERM before SIGKILL. */
const GRACE_MS = 20_000;
/** Services stop in this order, each group at once: the api stops taking work first. */
const ROLE_ORDER = [['api'], ['worker', 'coordinator'], ['master'], ['etcd', 'mariadb']];

/**
 * `baton cluster down`: stops every process of the local cluster (services first, then etcd and
 * MariaDB), then deletes cluster.json; the data dirs stay. Succeeds when there is nothing to stop.
 */
export function registerClusterDown(cluster: Command): void {
  cluster
    .command('down')
    .description('stop the local cluster (its data is kept)')
    .action((_opts: unknown, command: Command) =>
      runCommand(command, async (ctx) => {
        const started = Date.now();
        const file = await readClusterFile(ctx.home);
        if (file === undefined) {
          const message = `no cluster running in ${ctx.home} (no ${clusterFilePath(ctx.home)})`;
          if (ctx.json) ctx.printJson({ home: ctx.home, stopped: [], message });
          else ctx.say(message);
          return;
        }
        const members = clusterMembers(file);
        const stopped = [];
        for (const roles of ROLE_ORDER) {
          const group = members.filter((m) => roles.includes(m.role));
          const results = await Promise.all(
            group.map(async (m) => ({ m, outcome: await stopMember(m) })),
          );
          for (const { m, outcome } of results) {
            stopped.push({ name: m.name, role: m.role, pid: m.pid, ...outcome });
            ctx.say(describe(m, outcome));
          }
        }
        await removeClusterFile(ctx.home);
        if (ctx.json) ctx.printJson({ home: file.home, stopped });
        else ctx.say(`cluster down in ${elapsed(Date.now() - started)}; data kept in ${file.home}`);
      }),
    );
}

function stopMember(m: ClusterMember) {
  return stopProcess(m.pid, m.signature, GRACE_MS);
}

function describe(m: ClusterMember, o: { wasRunning: boolean; forced: boolean }): string {
  const who = `${m.name} (pid ${m.pid})`;
  if (!o.wasRunning) return `${who} was not running`;
  return o.forced ? `killed ${who}: it did not stop within ${GRACE_MS / 1000}s` : `stopped ${who}`;
}
