import type { Command } from 'commander';
import type { ApiToken__Output } from '../../../shared/proto/gen/baton/v1/ApiToken.js';
import { parseApiRole } from '../../../shared/auth/api-roles.js';
import { issueToken } from '../../../shared/auth/issue-token.js';
import { resolveMysqlUrl } from '../../../shared/config/mysql-url.js';
import { CliError } from '../cli-error.js';
import { runCommand } from '../run-command.js';
import { localTime, table } from '../text-format.js';

/** `baton token create|list|revoke`: api tokens (needs an admin token). */
export function registerToken(program: Command): void {
  const token = program.command('token').description('manage api tokens (admin)');
  token
    .command('create')
    .description('create a token; its secret is printed once and never again')
    .argument('<name>', 'a name for the token (who or what uses it); names are never reused')
    .requiredOption('--role <role>', 'viewer, operator or admin')
    .action((name: string, opts: { role: string }, command: Command) =>
      runCommand(command, async (ctx) => {
        const created = await ctx.callAdmin('CreateToken', { name, role: opts.role });
        if (ctx.json) {
          ctx.printJson({ ...tokenJson(created.token!), secret: created.secret });
          return;
        }
        ctx.say(`created token "${name}" (role ${created.token?.role ?? opts.role}):`);
        ctx.say(created.secret);
        ctx.say('keep it: it is not shown again. Use it with --token or BATON_TOKEN.');
      }),
    );
  token
    .command('bootstrap')
    .description('create a token straight in MySQL (the first admin token of a new cluster)')
    .argument('<name>', 'a name for the token')
    .option('--role <role>', 'viewer, operator or admin', 'admin')
    .option('--mysql-url <url>', "the cluster's database (default: $MYSQL_URL)")
    .action((name: string, opts: { role: string; mysqlUrl?: string }, command: Command) =>
      runCommand(command, async (ctx) => {
        const base = opts.mysqlUrl ?? process.env['MYSQL_URL'];
        if (base === undefined || base === '') {
          throw new CliError('no database: pass --mysql-url or set MYSQL_URL');
        }
        // As the services do: the password may come from MYSQL_PASSWORD_FILE (compose).
        const passwordFile = nonEmptyEnv('MYSQL_PASSWORD_FILE');
        const url = resolveMysqlUrl({ MYSQL_URL: base, MYSQL_PASSWORD_FILE: passwordFile });
        const role = parseApiRole(opts.role, 'role');
        const secret = await issueToken(url, name, role, 'baton token bootstrap');
        if (ctx.json) ctx.printJson({ name, role, secret });
        else ctx.say(secret);
      }),
    );
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .action((_opts: unknown, command: Command) =>
      runCommand(command, async (ctx) => {
        const { tokens } = await ctx.callAdmin('ListTokens', {});
        if (ctx.json) {
          ctx.printJson({ tokens: tokens.map(tokenJson) });
          return;
        }
        ctx.say(
          table(
            ['NAME', 'ROLE', 'CREATED', 'CREATED BY', 'REVOKED'],
            tokens.map((t) => [
              t.name,
              t.role,
              localTime(t.created_at),
              t.created_by,
              t.revoked_at === '' ? null : localTime(t.revoked_at),
            ]),
          ),
        );
      }),
    );
  token
    .command('revoke')
    .description('revoke a token: it stops working within a few seconds on every api')
    .argument('<name>', 'the token name')
    .action((name: string, _opts: unknown, command: Command) =>
      runCommand(command, async (ctx) => {
        const revoked = await ctx.callAdmin('RevokeToken', { name });
        if (ctx.json) ctx.printJson(tokenJson(revoked));
        else ctx.say(`revoked token "${name}"`);
      }),
    );
}

function tokenJson(t: ApiToken__Output) {
  return {
    name: t.name,
    role: t.role,
    createdAt: t.created_at,
    createdBy: t.created_by,
    revokedAt: t.revoked_at === '' ? null : t.revoked_at,
  };
}

function nonEmptyEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}
