import type { Command } from 'commander';
import { CliError, EXIT, reportError } from './cli-error.js';
import { CliContext, type GlobalOptions } from './context.js';

/**
 * Runs one command's body with a context built from the global options, and turns its outcome
 * into the process exit code: the body's return value, or the code of the error it threw (after
 * printing the one-line report). The api channel is closed either way, so nothing keeps Node
 * alive once the command is done.
 */
export async function runCommand(
  command: Command,
  body: (ctx: CliContext) => Promise<number | void>,
): Promise<void> {
  const ctx = new CliContext(command.optsWithGlobals<GlobalOptions>());
  try {
    process.exitCode = (await body(ctx)) ?? EXIT.ok;
  } catch (err) {
    process.exitCode = reportError(err);
  } finally {
    ctx.close();
  }
}

/** Parses a positive integer option such as `--limit`. @throws CliError */
export function positiveInt(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]{0,8}$/.test(value)) {
    throw new CliError(`${option}: expected a positive integer, got "${value}"`);
  }
  return Number(value);
}
