import type { Command } from 'commander';
import type { AuditEvent__Output } from '../../../shared/proto/gen/baton/v1/AuditEvent.js';
import { positiveInt, runCommand } from '../run-command.js';
import { localTime, table } from '../text-format.js';

interface AuditOptions {
  actor?: string;
  action?: string;
  target?: string;
  since?: string;
  limit?: string;
}

/** `baton audit [--actor X] [--action A] [--target T] [--since TIME] [--limit N]`, newest first. */
export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('show who applied, started, stopped or reran what, newest first')
    .option('--actor <name>', 'only actions of this token name ("anonymous" without auth)')
    .option('--action <action>', 'only this action: apply, start, stop or rerun')
    .option('--target <target>', 'only this instance id, workflow name or name@version')
    .option('--since <time>', 'only actions at or after this RFC 3339 time')
    .option('--limit <n>', 'at most this many (default 100, at most 1000)')
    .action((opts: AuditOptions, command: Command) =>
      runCommand(command, async (ctx) => {
        const { events } = await ctx.call('ListAuditEvents', {
          actor: opts.actor ?? '',
          action: opts.action ?? '',
          target: opts.target ?? '',
          since: opts.since ?? '',
          limit: positiveInt(opts.limit, '--limit') ?? 0,
        });
        if (ctx.json) {
          ctx.printJson({ events: events.map(auditEventJson) });
          return;
        }
        ctx.say(
          table(
            ['AT', 'ACTOR', 'ACTION', 'TARGET', 'DETAIL'],
            events.map((e) => [localTime(e.at), e.actor, e.action, e.target, e.detail]),
          ),
        );
      }),
    );
}

function auditEventJson(e: AuditEvent__Output) {
  return {
    id: e.id,
    at: e.at,
    actor: e.actor,
    action: e.action,
    targetKind: e.target_kind,
    target: e.target,
    detail: JSON.parse(e.detail) as unknown,
  };
}
