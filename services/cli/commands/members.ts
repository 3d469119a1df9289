import type { Command } from 'commander';
import { orNull } from '../instance-json.js';
import { runCommand } from '../run-command.js';
import { localTime, table } from '../text-format.js';

/** `baton members`: the live processes registered in etcd (masters, workers, ...). */
export function registerMembers(program: Command): void {
  program
    .command('members')
    .description('list the live cluster members')
    .action((_opts: unknown, command: Command) =>
      runCommand(command, async (ctx) => {
        const { members } = await ctx.call('ListMembers', {});
        const sorted = [...members].sort(
          (a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name),
        );
        if (ctx.json) {
          ctx.printJson({
            members: sorted.map((m) => ({
              name: m.name,
              role: m.role,
              address: m.address,
              pid: m.pid,
              host: m.host,
              startedAt: orNull(m.started_at),
              group: orNull(m.group),
            })),
          });
          return;
        }
        ctx.say(
          table(
            ['ROLE', 'NAME', 'ADDRESS', 'PID', 'HOST', 'STARTED', 'GROUP'],
            sorted.map((m) => [
              m.role,
              m.name,
              m.address,
              m.pid,
              m.host,
              localTime(m.started_at),
              m.group,
            ]),
          ),
        );
      }),
    );
}
