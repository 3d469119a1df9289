import type { Command } from 'commander';
import type { TaskGroup__Output } from '../../../shared/proto/gen/baton/v1/TaskGroup.js';
import { CliError } from '../cli-error.js';
import { runCommand } from '../run-command.js';
import { elapsed, localTime, table } from '../text-format.js';

function taskGroupJson(g: TaskGroup__Output, withState: boolean) {
  const base = { name: g.name, size: g.size, createdAt: g.created_at, updatedAt: g.updated_at };
  if (!withState) return base;
  return {
    ...base,
    shard: g.shard,
    coordinator: g.coordinator,
    running: g.holders.length,
    holders: g.holders.map((h) => ({
      instanceId: h.instance_id,
      taskInstanceId: h.task_instance_id,
      task: h.task,
      attempt: h.attempt,
      priority: h.priority,
      since: h.since,
      owner: h.owner,
    })),
    waitingCount: Number(g.waiting_count),
    waiting: g.waiting.map((w) => ({
      position: Number(w.position),
      instanceId: w.instance_id,
      taskInstanceId: w.task_instance_id,
      task: w.task,
      attempt: w.attempt,
      priority: w.priority,
      queuedAt: w.queued_at,
      waitingMs: Number(w.waiting_ms),
      owner: w.owner,
    })),
  };
}

/** An integer option, or a CliError naming it (the range is the api's to check). */
function integerOption(value: string, flag: string): number {
  if (!/^-?\d+$/.test(value)) throw new CliError(`${flag} must be an integer; got "${value}"`);
  return Number(value);
}

/** `baton task-group set|get|list`: cap how many tasks of a group run at once, cluster-wide. */
export function registerTaskGroup(program: Command): void {
  const group = program
    .command('task-group')
    .description('task groups: at most N of their tasks run at once, across all workflows');
  group
    .command('set')
    .description('create a task group, or resize it (takes effect at once)')
    .argument('<name>', 'the group name')
    .requiredOption('--size <n>', 'how many of its tasks may run at once (1-10000)')
    .action((name: string, opts: { size: string }, command: Command) =>
      runCommand(command, async (ctx) => {
        const size = integerOption(opts.size, '--size');
        const g = await ctx.call('SetTaskGroup', { name, size });
        if (ctx.json) ctx.printJson(taskGroupJson(g, false));
        else ctx.say(`task group ${g.name}: size ${g.size}`);
      }),
    );
  group
    .command('get')
    .description("a group's size, the tasks holding its slots and the queue, in order")
    .argument('<name>', 'the group name')
    .option('--limit <n>', 'waiting tasks to list (at most 1000)', '100')
    .action((name: string, opts: { limit: string }, command: Command) =>
      runCommand(command, async (ctx) => {
        const limit = integerOption(opts.limit, '--limit');
        const g = await ctx.call('GetTaskGroup', { name, limit });
        if (ctx.json) {
          ctx.printJson(taskGroupJson(g, true));
          return;
        }
        ctx.say(
          `task group ${g.name}: size ${g.size}, ${g.holders.length} running, ${g.waiting_count} waiting (shard ${g.shard}, coordinator ${g.coordinator})`,
        );
        if (g.holders.length > 0)
          ctx.say(
            table(
              ['INSTANCE', 'TASK', 'ATTEMPT', 'PRIORITY', 'SINCE', 'OWNER'],
              g.holders.map((h) => [
                h.instance_id,
                h.task,
                h.attempt,
                h.priority,
                localTime(h.since),
                h.owner,
              ]),
            ),
          );
        if (g.waiting.length > 0)
          ctx.say(
            table(
              ['POSITION', 'INSTANCE', 'TASK', 'ATTEMPT', 'PRIORITY', 'WAITING'],
              g.waiting.map((w) => [
                w.position,
                w.instance_id,
                w.task,
                w.attempt,
                w.priority,
                elapsed(Number(w.waiting_ms)),
              ]),
            ),
          );
      }),
    );
  group
    .command('list')
    .description('every task group and its size')
    .action((_opts: unknown, command: Command) =>
      runCommand(command, async (ctx) => {
        const { groups } = await ctx.call('ListTaskGroups', {});
        if (ctx.json) {
          ctx.printJson(groups.map((g) => taskGroupJson(g, false)));
          return;
        }
        ctx.say(
          table(
            ['NAME', 'SIZE', 'UPDATED'],
            groups.map((g) => [g.name, g.size, localTime(g.updated_at)]),
          ),
        );
      }),
    );
}
