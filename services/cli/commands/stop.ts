import type { Command } from 'commander';
import { instanceJson } from '../instance-json.js';
import { runCommand } from '../run-command.js';
import { reportEnded } from '../wait-outcome.js';
import { watchInstance } from '../watch-instance.js';

/** `baton stop ID [--wait]`: stops an instance, its running tasks and its child instances. */
export function registerStop(program: Command): void {
  program
    .command('stop')
    .description('stop an instance (its running tasks are killed)')
    .argument('<id>', 'the instance id')
    .option('-w, --wait', 'wait until it has stopped; exit 0 only when it ends STOP')
    .action((id: string, opts: { wait?: boolean }, command: Command) =>
      runCommand(command, async (ctx) => {
        const instance = await ctx.callOnce('StopInstance', { id });
        if (opts.wait === true) {
          const ended = await watchInstance(ctx, id, { progress: !ctx.json });
          reportEnded(ctx, ended, 'STOP');
        } else if (ctx.json) {
          ctx.printJson(instanceJson(instance));
        } else {
          ctx.say(`stop requested for instance ${id} (state ${instance.state})`);
        }
      }),
    );
}
