import type { Command } from 'commander';
import { instanceJson } from '../instance-json.js';
import { runCommand } from '../run-command.js';
import { reportEnded } from '../wait-outcome.js';
import { watchInstance } from '../watch-instance.js';

/**
 * `baton recover ID [--from TASK ...] [--wait]`: carries a FAILURE instance on in place (same id): what failed or
 * was killed runs again, what succeeded is kept.
 */
export function registerRecover(program: Command): void {
  program
    .command('recover')
    .description('recover a failed instance in place: its failed and killed tasks run again')
    .argument('<id>', 'the FAILURE (top-level) instance')
    .option(
      '--from <task>',
      'run this task and what is downstream again, even what succeeded (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('-w, --wait', 'follow it until it ends; exit 0 only on SUCCESS')
    .action((id: string, opts: { wait?: boolean; from: string[] }, command: Command) =>
      runCommand(command, async (ctx) => {
        const instance = await ctx.callOnce('RecoverInstance', { id, start_tasks: opts.from });
        if (opts.wait === true) {
          const ended = await watchInstance(ctx, id, { progress: !ctx.json });
          reportEnded(ctx, ended, 'SUCCESS');
        } else if (ctx.json) {
          ctx.printJson(instanceJson(instance));
        } else {
          ctx.say(`recover requested for instance ${id} (state ${instance.state})`);
        }
      }),
    );
}
