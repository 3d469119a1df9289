import type { Command } from 'commander';
import { instanceJson } from '../instance-json.js';
import { positiveInt, runCommand } from '../run-command.js';
import { localTime, table } from '../text-format.js';

interface ListOptions {
  workflow?: string;
  state?: string;
  limit?: string;
}

/** `baton list [--workflow NAME] [--state S] [--limit N]`: newest instances first. */
export function registerList(program: Command): void {
  program
    .command('list')
    .description('list instances, newest first')
    .option('--workflow <name>', 'only instances of this workflow')
    .option('--state <state>', 'only instances in this state, e.g. RUNNING, SUCCESS')
    .option('--limit <n>', 'at most this many (default 100, at most 1000)')
    .action((opts: ListOptions, command: Command) =>
      runCommand(command, async (ctx) => {
        const { instances } = await ctx.call('ListInstances', {
          workflow: opts.workflow ?? '',
          state: opts.state ?? '',
          limit: positiveInt(opts.limit, '--limit') ?? 0,
        });
        if (ctx.json) {
          ctx.printJson({ instances: instances.map(instanceJson) });
          return;
        }
        ctx.say(
          table(
            ['ID', 'WORKFLOW', 'VERSION', 'STATE', 'STARTED', 'ENDED', 'OWNER'],
            instances.map((i) => [
              i.id,
              i.workflow,
              i.version,
              i.state,
              localTime(i.started_at),
              localTime(i.ended_at),
              i.owner,
            ]),
          ),
        );
      }),
    );
}
