import type { Command } from 'commander';
import { stateChangeJson } from '../instance-json.js';
import { runCommand } from '../run-command.js';
import { localTime, table } from '../text-format.js';

/** `baton history ID`: every recorded state change of an instance and its tasks. */
export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('show the state-change history of an instance')
    .argument('<id>', 'the instance id')
    .action((id: string, _opts: unknown, command: Command) =>
      runCommand(command, async (ctx) => {
        const { changes } = await ctx.call('GetInstanceHistory', { id });
        if (ctx.json) {
          ctx.printJson({ changes: changes.map(stateChangeJson) });
          return;
        }
        ctx.say(
          table(
            ['AT', 'TASK', 'ATTEMPT', 'FROM', 'TO', 'ACTOR', 'EPOCH', 'REASON'],
            changes.map((c) => [
              localTime(c.at),
              c.task === '' ? '(instance)' : c.task,
              c.task === '' ? null : c.attempt,
              c.from_state,
              c.to_state,
              c.actor,
              c.epoch,
              c.reason,
            ]),
          ),
        );
      }),
    );
}
