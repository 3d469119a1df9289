import type { Command } from 'commander';
import { parseDuration } from '../../../shared/domain/duration.js';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { instanceJson } from '../instance-json.js';
import { collect, parseParams, parsePairs } from '../params-option.js';
import { runCommand } from '../run-command.js';
import { reportEnded } from '../wait-outcome.js';
import { watchInstance } from '../watch-instance.js';

interface StartOptions {
  param: string[];
  label: string[];
  from: string[];
  only: string[];
  to: string[];
  scheduleTime?: string;
  wait?: boolean;
  timeout?: string;
}

/** `baton start NAME [-p k=v ...] [-l k=v ...] [--schedule-time TIME] [--wait] [--timeout D]` */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('start an instance of the newest version of a workflow')
    .argument('<workflow>', 'the workflow name')
    .option('-p, --param <key=value>', 'a parameter (repeatable)', collect, [])
    .option('-l, --label <key=value>', 'a label, e.g. team=growth (repeatable)', collect, [])
    .option(
      '--schedule-time <time>',
      'the business time to run as, RFC 3339 with a zone, e.g. 2026-03-01T00:00:00Z (default: now)',
    )
    .option('--from <task>', 'run only this task and what is downstream (repeatable)', collect, [])
    .option('--only <task>', 'run only this task (repeatable)', collect, [])
    .option('--to <task>', 'run only this task and what is upstream (repeatable)', collect, [])
    .option('-w, --wait', 'follow the instance until it ends; exit 0 only on SUCCESS')
    .option('--timeout <duration>', 'with --wait: give up after this long, e.g. 90s, 5m')
    .action((workflow: string, opts: StartOptions, command: Command) =>
      runCommand(command, async (ctx) => {
        const timeoutMs = parseTimeout(opts);
        await startInstance(ctx, workflow, parseParams(opts.param), {
          // The api validates it (INVALID_ARGUMENT naming schedule_time): one rule, one place.
          scheduleTime: opts.scheduleTime,
          labels: parsePairs(opts.label, '--label'),
          ...startTasksOf(opts),
          wait: opts.wait === true,
          timeoutMs,
        });
      }),
    );
}

/**
 * Starts an instance and prints it (its id, or its JSON); with `wait`, follows it and prints
 * its end instead. Also used by `cluster up --demo`.
 * @throws CliError when waited for and it did not end SUCCESS, or on timeout
 */
export async function startInstance(
  ctx: CliContext,
  workflow: string,
  params: Record<string, string>,
  options: {
    scheduleTime?: string;
    wait: boolean;
    timeoutMs?: number | undefined;
    startTasks?: string[];
    scope?: string;
    labels?: Record<string, string>;
  },
): Promise<void> {
  const started = await ctx.callOnce('StartInstance', {
    workflow,
    params,
    schedule_time: options.scheduleTime ?? '',
    start_tasks: options.startTasks ?? [],
    scope: options.scope ?? '',
    labels: options.labels ?? {},
  });
  if (!options.wait) {
    if (ctx.json) ctx.printJson(instanceJson(started));
    else ctx.say(started.id);
    return;
  }
  const ended = await watchInstance(ctx, started.id, {
    progress: !ctx.json,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  reportEnded(ctx, ended, 'SUCCESS');
}

/** --from, --only or --to (one kind per start, each repeatable) as the api's fields. */
function startTasksOf(opts: StartOptions): { startTasks?: string[]; scope?: string } {
  const given = (
    [
      ['FROM', opts.from],
      ['ONLY', opts.only],
      ['TO', opts.to],
    ] as const
  ).filter(([, names]) => names.length > 0);
  if (given.length > 1) throw new CliError('use one of --from, --only and --to (each repeatable)');
  const [chosen] = given;
  return chosen === undefined ? {} : { startTasks: [...chosen[1]], scope: chosen[0] };
}

function parseTimeout(opts: StartOptions): number | undefined {
  if (opts.timeout === undefined) return undefined;
  if (opts.wait !== true) throw new CliError('--timeout: only makes sense with --wait');
  const ms = parseDuration(opts.timeout, '--timeout');
  if (ms === 0) throw new CliError('--timeout: must be greater than 0');
  return ms;
}
