import type { Command } from 'commander';
import { instanceJson } from '../instance-json.js';
import { runCommand } from '../run-command.js';

/**
 * `baton force-success ID TASK`: a FAILURE or KILL task of an ended instance becomes
 * FORCED_SUCCESS; `baton recover` (or `resume`) then runs what follows it.
 */
export function registerForceSuccess(program: Command): void {
  program
    .command('force-success')
    .description('mark a failed or killed task of an ended instance FORCED_SUCCESS')
    .argument('<id>', 'the instance (ended FAILURE or STOP)')
    .argument('<task>', 'the task name')
    .action((id: string, task: string, _opts: object, command: Command) =>
      runCommand(command, async (ctx) => {
        const instance = await ctx.callOnce('ForceTaskSuccess', { id, task });
        if (ctx.json) ctx.printJson(instanceJson(instance));
        else
          ctx.say(`task ${task} of instance ${id} is FORCED_SUCCESS (instance ${instance.state})`);
      }),
    );
}
