import type { Command } from 'commander';
import type { Instance__Output } from '../../../shared/proto/gen/baton/v1/Instance.js';
import { instanceJson } from '../instance-json.js';
import { runCommand } from '../run-command.js';
import { watchInstance } from '../watch-instance.js';
import { between, localTime, table } from '../text-format.js';

/** `baton get ID [--watch]`: one instance and its task attempts (once it ends, with --watch). */
export function registerGet(program: Command): void {
  program
    .command('get')
    .description('show an instance and its tasks')
    .argument('<id>', 'the instance id')
    .option(
      '-w, --watch',
      'follow its changes as they happen (a line each) until it ends, then show it',
    )
    .action((id: string, opts: { watch?: boolean }, command: Command) =>
      runCommand(command, async (ctx) => {
        const instance =
          opts.watch === true
            ? await watchInstance(ctx, id, { progress: !ctx.json })
            : await ctx.call('GetInstance', { id });
        if (ctx.json) ctx.printJson(instanceJson(instance));
        else ctx.say(describeInstance(instance));
      }),
    );
}

function describeInstance(i: Instance__Output): string {
  const took = between(i.started_at || i.created_at, i.ended_at);
  const params = Object.entries(i.params).map(([k, v]) => `${k}=${v}`);
  const labels = Object.entries(i.labels).map(([k, v]) => `${k}=${v}`);
  const fields: [string, string | null][] = [
    ['workflow', `${i.workflow} version ${i.version} (${i.execution_type})`],
    ['state', i.state + (i.stop_requested && i.ended_at === '' ? ' (stop requested)' : '')],
    ['params', params.length > 0 ? params.join(' ') : null],
    ['labels', labels.length > 0 ? labels.join(' ') : null],
    // In UTC as the wire spells it: a business date shifted into local time reads as another day.
    ['schedule time', i.schedule_time === '' ? null : i.schedule_time],
    ['backfill', i.backfill_id === '' ? null : i.backfill_id],
    ['created', localTime(i.created_at)],
    ['started', localTime(i.started_at)],
    ['ended', i.ended_at === '' ? null : `${localTime(i.ended_at)} (${took ?? '?'})`],
    ['owner', i.owner === '' ? null : `${i.owner} (epoch ${i.owner_epoch})`],
    [
      'parent',
      i.parent_id === ''
        ? null
        : `instance ${i.parent_id}, task ${i.parent_task} attempt ${i.parent_task_attempt}`,
    ],
  ];
  const width = Math.max(...fields.map(([name]) => name.length)) + 1;
  const header = fields
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `${name.padEnd(width)}${value}`);
  const tasks = table(
    ['TASK', 'TYPE', 'ATTEMPT', 'STATE', 'WORKER/CHILD', 'STARTED', 'ENDED', 'EXIT'],
    i.tasks.map((t) => [
      t.name,
      t.type,
      t.attempt,
      t.state,
      t.child_id !== '' ? `instance ${t.child_id}` : t.worker,
      localTime(t.started_at),
      localTime(t.ended_at),
      t.has_exit_code ? t.exit_code : null,
    ]),
  );
  return [`instance ${i.id}`, ...header.map((line) => `  ${line}`), '', tasks].join('\n');
}
