import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { AlertChannel__Output } from '../../../shared/proto/gen/baton/v1/AlertChannel.js';
import { CliError } from '../cli-error.js';
import { positiveInt, runCommand } from '../run-command.js';
import { localTime, table } from '../text-format.js';

/**
 * `baton alert-channel create|list|get|delete` (admin): where alert webhooks go (README
 * "Alerts"). The secret is read from a file (never from the command line, which `ps` shows)
 * and is never shown again.
 */
export function registerAlertChannel(program: Command): void {
  const channel = program
    .command('alert-channel')
    .description('manage alert channels: signed webhooks for workflow events (admin)');
  channel
    .command('create')
    .description('create a channel; definitions name it in alerts.channel')
    .argument('<name>', 'the channel name')
    .requiredOption('--webhook <url>', 'the http(s) URL events are POSTed to')
    .requiredOption('--secret-file <file>', 'file holding the HMAC-SHA256 signing secret')
    .action((name: string, opts: { webhook: string; secretFile: string }, command: Command) =>
      runCommand(command, async (ctx) => {
        const secret = readSecret(opts.secretFile);
        const made = await ctx.call('CreateAlertChannel', { name, webhook: opts.webhook, secret });
        if (ctx.json) ctx.printJson(channelJson(made));
        else ctx.say(`created alert channel "${name}" -> ${made.webhook}`);
      }),
    );
  channel
    .command('list')
    .description('list channels with their pending and delivered events')
    .action((_opts: unknown, command: Command) =>
      runCommand(command, async (ctx) => {
        const { channels } = await ctx.call('ListAlertChannels', {});
        if (ctx.json) {
          ctx.printJson({ channels: channels.map(channelJson) });
          return;
        }
        ctx.say(
          table(
            ['NAME', 'WEBHOOK', 'PENDING', 'DELIVERED', 'ABANDONED', 'CREATED BY'],
            channels.map((c) => [
              c.name,
              c.webhook,
              c.pending,
              c.delivered,
              c.abandoned,
              c.created_by,
            ]),
          ),
        );
      }),
    );
  channel
    .command('get')
    .description('a channel and its latest delivery attempts, newest first')
    .argument('<name>', 'the channel name')
    .option('--limit <n>', 'attempts to show (default 20)')
    .action((name: string, opts: { limit?: string }, command: Command) =>
      runCommand(command, async (ctx) => {
        const limit = positiveInt(opts.limit, '--limit') ?? 0;
        const c = await ctx.call('GetAlertChannel', { name, limit });
        if (ctx.json) {
          ctx.printJson(channelJson(c));
          return;
        }
        ctx.say(`${c.name} -> ${c.webhook}`);
        ctx.say(`pending ${c.pending}, delivered ${c.delivered}, abandoned ${c.abandoned}`);
        ctx.say(
          table(
            ['AT', 'EVENT', 'INSTANCE', 'ATTEMPT', 'RESULT', 'HTTP', 'MS', 'ERROR', 'KEY'],
            c.deliveries.map((d) => [
              localTime(d.at),
              d.event,
              d.instance_id,
              d.attempt,
              d.result,
              d.http_status === 0 ? null : d.http_status,
              d.duration_ms,
              d.error === '' ? null : d.error,
              d.event_id,
            ]),
          ),
        );
      }),
    );
  channel
    .command('delete')
    .description('delete a channel; its undelivered events are dropped')
    .argument('<name>', 'the channel name')
    .action((name: string, _opts: unknown, command: Command) =>
      runCommand(command, async (ctx) => {
        const c = await ctx.call('DeleteAlertChannel', { name });
        if (ctx.json) ctx.printJson(channelJson(c));
        else ctx.say(`deleted alert channel "${name}"`);
      }),
    );
}

/** The secret file's content without its trailing newline. @throws CliError */
function readSecret(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new CliError(`--secret-file: cannot read ${file}: ${(err as Error).message}`);
  }
}

function channelJson(c: AlertChannel__Output) {
  return {
    name: c.name,
    webhook: c.webhook,
    createdBy: c.created_by,
    createdAt: c.created_at,
    pending: Number(c.pending),
    delivered: Number(c.delivered),
    abandoned: Number(c.abandoned),
    deliveries: c.deliveries.map((d) => ({
      eventId: d.event_id,
      event: d.event,
      instanceId: d.instance_id,
      attempt: d.attempt,
      result: d.result,
      httpStatus: d.http_status === 0 ? null : d.http_status,
      error: d.error === '' ? null : d.error,
      durationMs: d.duration_ms,
      sender: d.sender,
      at: d.at,
    })),
  };
}
