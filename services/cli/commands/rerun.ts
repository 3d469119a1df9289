import type { Command } from 'commander';
import { instanceJson } from '../instance-json.js';
import { runCommand } from '../run-command.js';
import { reportEnded } from '../wait-outcome.js';
import { watchInstance } from '../watch-instance.js';

/** `baton rerun ID [--wait]`: runs an ended instance again (same version, same params). */
export function registerRerun(program: Command): void {
  program
    .command('rerun')
    .description('start an ended instance again: the same workflow version and params')
    .argument('<id>', 'the ended (top-level) instance to rerun')
    .option('-w, --wait', 'follow the new instance until it ends; exit 0 only on SUCCESS')
    .action((id: string, opts: { wait?: boolean }, command: Command) =>
      runCommand(command, async (ctx) => {
        const started = await ctx.callOnce('RerunInstance', { id });
        if (opts.wait === true) {
          const ended = await watchInstance(ctx, started.id, { progress: !ctx.json });
          reportEnded(ctx, ended, 'SUCCESS');
        } else if (ctx.json) {
          ctx.printJson(instanceJson(started));
        } else {
          ctx.say(started.id);
        }
      }),
    );
}
