import type { Command } from 'commander';
import type { Backfill__Output } from '../../../shared/proto/gen/baton/v1/Backfill.js';
import { backfillJson } from '../backfill-json.js';
import { EXIT } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { collect, parseParams, parsePairs } from '../params-option.js';
import { positiveInt, runCommand } from '../run-command.js';
import { localTime, table } from '../text-format.js';
import { progressLine, watchBackfill } from '../watch-backfill.js';

interface BackfillOptions {
  from?: string;
  to?: string;
  dates?: string;
  parallel?: string;
  order?: string;
  onFailure?: string;
  param: string[];
  label: string[];
  wait?: boolean;
}

/**
 * `baton backfill NAME --from D --to D [--dates d1,d2] [--parallel N] [--order asc|desc]
 * [--on-failure continue|stop] [-p k=v ...] [--wait]`, and `baton backfill get|list|stop|resume`.
 */
export function registerBackfill(program: Command): void {
  const backfill = program
    .command('backfill')
    .description('run a workflow once per business date of a range (or: get, list, stop, resume)')
    .argument('<workflow>', 'the workflow name')
    .option(
      '--from <date>',
      'first date (2026-03-01: the whole day in the schedule zone) or RFC 3339',
    )
    .option('--to <date>', 'last date, inclusive (same forms)')
    .option('--dates <list>', 'instead of --from/--to: comma-separated dates or RFC 3339 times')
    .option('--parallel <n>', 'instances running at once (default 1)')
    .option('--order <order>', 'asc (default) or desc')
    .option('--on-failure <what>', 'continue (default) or stop: start no new date after a failure')
    .option('-p, --param <key=value>', 'a parameter for every date (repeatable)', collect, [])
    .option('-l, --label <key=value>', 'a label of every instance (repeatable)', collect, [])
    .option('-w, --wait', 'follow it until it ends; exit 0 only on SUCCESS')
    .action((workflow: string, opts: BackfillOptions, command: Command) =>
      runCommand(command, async (ctx) => {
        const started = await ctx.callOnce('StartBackfill', {
          workflow,
          from: opts.from ?? '',
          to: opts.to ?? '',
          dates: opts.dates === undefined ? [] : opts.dates.split(',').map((d) => d.trim()),
          parallel: positiveInt(opts.parallel, '--parallel') ?? 0,
          order: opts.order ?? '',
          on_failure: opts.onFailure ?? '',
          params: parseParams(opts.param),
          labels: parsePairs(opts.label, '--label'),
        });
        if (opts.wait !== true) {
          if (ctx.json) ctx.printJson(backfillJson(started));
          else
            ctx.say(
              `backfill ${started.id}: ${started.total} dates of ${workflow} (version ${started.version})`,
            );
          return;
        }
        if (!ctx.json) ctx.say(`backfill ${started.id}: ${started.total} dates of ${workflow}`);
        return ended(ctx, await watchBackfill(ctx, started.id));
      }),
    );

  backfill
    .command('get')
    .description('show a backfill: progress and every date with its instance')
    .argument('<id>', 'the backfill id')
    .action((id: string, _opts: unknown, command: Command) =>
      runCommand(command, async (ctx) => {
        const b = await ctx.call('GetBackfill', { id });
        if (ctx.json) ctx.printJson(backfillJson(b));
        else ctx.say(describe(b));
      }),
    );

  backfill
    .command('list')
    .description('list backfills, newest first')
    .option('--workflow <name>', 'only of this workflow')
    .option('--limit <n>', 'at most this many (default 100)')
    .action((opts: { workflow?: string; limit?: string }, command: Command) =>
      runCommand(command, async (ctx) => {
        const { backfills } = await ctx.call('ListBackfills', {
          workflow: opts.workflow ?? '',
          limit: positiveInt(opts.limit, '--limit') ?? 0,
        });
        if (ctx.json) {
          ctx.printJson({ backfills: backfills.map(backfillJson) });
          return;
        }
        ctx.say(
          table(
            [
              'ID',
              'WORKFLOW',
              'STATE',
              'DONE',
              'FAILED',
              'RUNNING',
              'PENDING',
              'PARALLEL',
              'CREATED',
            ],
            backfills.map((b) => [
              b.id,
              `${b.workflow}@${b.version}`,
              b.state,
              b.done,
              b.failed,
              b.running,
              b.pending,
              b.parallel,
              localTime(b.created_at),
            ]),
          ),
        );
      }),
    );

  for (const [verb, method, what] of [
    ['stop', 'StopBackfill', 'start no new date and stop its running instances'],
    [
      'resume',
      'ResumeBackfill',
      'carry a STOP or FAILED backfill on (failed and stopped dates again, in place)',
    ],
  ] as const) {
    backfill
      .command(verb)
      .description(what)
      .argument('<id>', 'the backfill id')
      .option('-w, --wait', 'follow it until it ends')
      .action((id: string, _opts: unknown, command: Command) =>
        runCommand(command, async (ctx) => {
          const b = await ctx.callOnce(method, { id });
          // `backfill stop ID --wait`: commander hands --wait to the parent, which has one too.
          if (command.optsWithGlobals<{ wait?: boolean }>().wait === true)
            return ended(ctx, await watchBackfill(ctx, id));
          if (ctx.json) ctx.printJson(backfillJson(b));
          else ctx.say(`backfill ${id} is ${b.state}`);
          return EXIT.ok;
        }),
      );
  }
}

/** The end of a followed backfill: its summary, exit 0 only on SUCCESS. */
function ended(ctx: CliContext, b: Backfill__Output): number {
  if (ctx.json) ctx.printJson(backfillJson(b));
  else {
    ctx.say(`backfill ${b.id} ended ${b.state}${b.reason === '' ? '' : `: ${b.reason}`}`);
    if (b.failed_dates.length > 0) ctx.say(`failed dates: ${b.failed_dates.join(', ')}`);
  }
  return b.state === 'SUCCESS' ? EXIT.ok : EXIT.failure;
}

function describe(b: Backfill__Output): string {
  const params = Object.entries(b.params).map(([k, v]) => `${k}=${v}`);
  const fields: [string, string | null][] = [
    ['workflow', `${b.workflow} version ${b.version}`],
    ['state', b.state + (b.reason === '' ? '' : ` (${b.reason})`)],
    ['progress', progressLine(b)],
    ['options', `parallel ${b.parallel}, order ${b.order}, on failure ${b.on_failure}`],
    ['params', params.length > 0 ? params.join(' ') : null],
    ['failed dates', b.failed_dates.length > 0 ? b.failed_dates.join(', ') : null],
    ['owner', b.owner === '' ? null : b.owner],
    ['created', `${localTime(b.created_at)} by ${b.created_by}`],
    ['ended', b.ended_at === '' ? null : localTime(b.ended_at)],
  ];
  const width = Math.max(...fields.map(([name]) => name.length)) + 1;
  const header = fields
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `${name.padEnd(width)}${value}`);
  const dates = table(
    ['DATE', 'INSTANCE', 'STATE'],
    b.dates.map((d) => [
      d.fire_time,
      d.instance_id === '' ? null : d.instance_id,
      d.state === '' ? 'PENDING' : d.state,
    ]),
  );
  return `${header.join('\n')}\n\n${dates}`;
}
