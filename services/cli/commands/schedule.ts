import type { Command } from 'commander';
import { definitionJson } from '../definition-json.js';
import { runCommand } from '../run-command.js';
import { localTime } from '../text-format.js';

/**
 * `baton schedule pause NAME` / `baton schedule resume NAME`: take a definition's schedule
 * offline or back online without a new version (fire times that pass while it is offline are
 * never fired, whatever its `missed` policy).
 */
export function registerSchedule(program: Command): void {
  const schedule = program
    .command('schedule')
    .description("take a workflow's schedule offline or back online");
  for (const [verb, state, what] of [
    ['pause', 'OFFLINE', 'take the schedule offline (it stops firing)'],
    ['resume', 'ONLINE', 'put the schedule back online (it fires from now on)'],
  ] as const) {
    schedule
      .command(verb)
      .description(what)
      .argument('<workflow>', 'the workflow name')
      .action((workflow: string, _opts: unknown, command: Command) =>
        runCommand(command, async (ctx) => {
          const d = await ctx.call('SetScheduleState', { workflow, state });
          if (ctx.json) {
            ctx.printJson(definitionJson(d));
            return;
          }
          const next = d.next_fire_at === '' ? '' : `, next fire ${localTime(d.next_fire_at)}`;
          ctx.say(`schedule of ${workflow} is ${d.schedule_state}${next}`);
        }),
      );
  }
}
