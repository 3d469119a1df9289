import type { Command } from 'commander';
import { definitionJson } from '../definition-json.js';
import { runCommand } from '../run-command.js';
import { localTime, table } from '../text-format.js';

/** `baton workflows`: the stored definitions (newest version of each). */
export function registerWorkflows(program: Command): void {
  program
    .command('workflows')
    .description('list workflow definitions')
    .action((_opts: unknown, command: Command) =>
      runCommand(command, async (ctx) => {
        // Every page: a listing of definitions is short enough to show whole.
        const workflows = [];
        let token = '';
        do {
          const page = await ctx.call('ListWorkflows', { page_size: 500, page_token: token });
          workflows.push(...page.workflows);
          token = page.next_page_token;
        } while (token !== '');
        if (ctx.json) {
          ctx.printJson({ workflows: workflows.map(definitionJson) });
          return;
        }
        ctx.say(
          table(
            [
              'NAME',
              'VERSION',
              'TYPE',
              'TASKS',
              'SCHEDULE',
              'STATE',
              'NEXT FIRE',
              'CREATED',
              'DESCRIPTION',
            ],
            workflows.map((w) => [
              w.name,
              w.version,
              w.spec?.execution_type ?? null,
              w.spec?.tasks.length ?? null,
              w.spec?.schedule ? `${w.spec.schedule.cron} (${w.spec.schedule.timezone})` : null,
              w.schedule_state === '' ? null : w.schedule_state,
              w.next_fire_at === '' ? null : localTime(w.next_fire_at),
              localTime(w.created_at),
              w.spec?.description ?? null,
            ]),
          ),
        );
      }),
    );
}
