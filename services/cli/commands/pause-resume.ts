import type { Command } from 'commander';
import { instanceJson } from '../instance-json.js';
import { runCommand } from '../run-command.js';
import { reportEnded } from '../wait-outcome.js';
import { watchInstance } from '../watch-instance.js';

/**
 * `baton pause ID`: running tasks finish, nothing new starts (READY_PAUSE, then PAUSE).
 * `baton resume ID [--wait]`: a PAUSE instance goes on; a STOP one is carried on in place.
 */
export function registerPauseResume(program: Command): void {
  program
    .command('pause')
    .description('pause an instance: running tasks finish, nothing new starts, children pause')
    .argument('<id>', 'the RUNNING instance')
    .action((id: string, _opts: object, command: Command) =>
      runCommand(command, async (ctx) => {
        const instance = await ctx.callOnce('PauseInstance', { id });
        if (ctx.json) ctx.printJson(instanceJson(instance));
        else ctx.say(`pause requested for instance ${id} (state ${instance.state})`);
      }),
    );
  program
    .command('resume')
    .description('resume a PAUSE instance, or carry a STOP one on (killed tasks run again)')
    .argument('<id>', 'the PAUSE or STOP instance')
    .option('-w, --wait', 'follow it until it ends; exit 0 only on SUCCESS')
    .action((id: string, opts: { wait?: boolean }, command: Command) =>
      runCommand(command, async (ctx) => {
        const instance = await ctx.callOnce('ResumeInstance', { id });
        if (opts.wait === true) {
          const ended = await watchInstance(ctx, id, { progress: !ctx.json });
          reportEnded(ctx, ended, 'SUCCESS');
        } else if (ctx.json) {
          ctx.printJson(instanceJson(instance));
        } else {
          ctx.say(`resume requested for instance ${id} (state ${instance.state})`);
        }
      }),
    );
}
