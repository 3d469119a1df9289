import type { Command } from 'commander';
import { parseDuration } from '../../../shared/domain/duration.js';
import type { Instance__Output } from '../../../shared/proto/gen/baton/v1/Instance.js';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { instanceJson } from '../instance-json.js';
import { collect } from '../params-option.js';
import { positiveInt, runCommand } from '../run-command.js';
import { localTime, table } from '../text-format.js';

interface ListOptions {
  workflow?: string;
  state?: string;
  label: string[];
  since?: string;
  parent?: string;
  rerunOf?: string;
  backfill?: string;
  limit?: string;
  pageSize?: string;
}

/** The api's largest page. */
const MAX_PAGE = 1000;

/**
 * `baton list [--workflow NAME] [--state S] [-l SELECTOR ...] [--since DURATION] [--limit N]
 * [--page-size N]`: newest instances first, following the api's pages until `--limit` (default
 * 100) are listed or there are no more.
 */
export function registerList(program: Command): void {
  program
    .command('list')
    .description('list instances, newest first')
    .option('--workflow <name>', 'only instances of this workflow')
    .option('--state <state>', 'only instances in this state, e.g. RUNNING, SUCCESS')
    .option(
      '-l, --label <selector>',
      'only instances whose labels match, e.g. team=growth, tier!=gold, urgent, !archived (repeatable: all must match)',
      collect,
      [],
    )
    .option('--since <duration>', 'only instances created in the last DURATION, e.g. 1h, 7d')
    .option('--parent <id>', 'only child instances of this instance')
    .option('--rerun-of <id>', 'only reruns of this instance')
    .option('--backfill <id>', 'only instances of this backfill')
    .option('--limit <n>', 'at most this many in all (default 100)')
    .option('--page-size <n>', `instances per api call (default 100, at most ${MAX_PAGE})`)
    .action((opts: ListOptions, command: Command) =>
      runCommand(command, async (ctx) => {
        const instances = await listAll(ctx, opts);
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

async function listAll(ctx: CliContext, opts: ListOptions): Promise<Instance__Output[]> {
  const limit = positiveInt(opts.limit, '--limit') ?? 100;
  const pageSize = positiveInt(opts.pageSize, '--page-size') ?? 100;
  if (pageSize > MAX_PAGE) throw new CliError(`--page-size: at most ${MAX_PAGE}`);
  const filters = {
    workflow: opts.workflow ?? '',
    state: opts.state ?? '',
    label_selector: opts.label.join(','),
    created_after: sinceOf(opts.since),
    parent_id: opts.parent ?? '',
    rerun_of: opts.rerunOf ?? '',
    backfill_id: opts.backfill ?? '',
  };
  const listed: Instance__Output[] = [];
  let token = '';
  do {
    const page = await ctx.call('ListInstances', {
      ...filters,
      page_size: Math.min(pageSize, limit - listed.length),
      page_token: token,
    });
    listed.push(...page.instances);
    token = page.next_page_token;
  } while (token !== '' && listed.length < limit);
  return listed;
}

/** `--since 1h` as the RFC 3339 time that long ago; empty without it. @throws CliError */
function sinceOf(since: string | undefined): string {
  if (since === undefined) return '';
  try {
    return new Date(Date.now() - parseDuration(since, '--since')).toISOString();
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}
