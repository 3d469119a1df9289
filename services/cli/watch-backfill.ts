/**
 * Following a backfill until it ends (`baton backfill ... --wait`): a progress bar redrawn in
 * place on a terminal, a plain line per change otherwise (a log, a pipe). The CLI polls
 * GetBackfill (backfills have no change stream; instances do: see watch-instance.ts).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { isRetryable } from '../../shared/errors.js';
import type { Backfill__Output } from '../../shared/proto/gen/baton/v1/Backfill.js';
import { CliError, EXIT } from './cli-error.js';
import type { CliContext } from './context.js';
import { clockTime } from './text-format.js';

const POLL_MS = 500;
const OUTAGE_TOLERANCE_MS = 30_000;
const BAR_WIDTH = 30;

/** One line of progress: `[#####.....] 5/10 done, 1 failed, 3 running, 1 pending`. */
export function progressLine(b: Backfill__Output): string {
  const finished = b.done + b.failed;
  const filled = b.total === 0 ? 0 : Math.round((finished / b.total) * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  return `${bar} ${finished}/${b.total} ${b.state}: ${b.done} done, ${b.failed} failed, ${b.running} running, ${b.pending} pending`;
}

/** Polls the backfill until it has ended and nothing of it runs; returns it. */
export async function watchBackfill(ctx: CliContext, id: string): Promise<Backfill__Output> {
  const tty = !ctx.json && process.stdout.isTTY === true;
  let shown = '';
  let lastSuccess = Date.now();
  for (;;) {
    try {
      const b = await ctx.call('GetBackfill', { id });
      lastSuccess = Date.now();
      const line = progressLine(b);
      if (!ctx.json && line !== shown) {
        if (tty) process.stdout.write(`\r\x1b[2K${line}`);
        else ctx.say(`${clockTime()} ${line}`);
        shown = line;
      }
      if (b.state !== 'RUNNING' && b.running === 0) {
        if (tty) process.stdout.write('\n');
        return b;
      }
    } catch (err) {
      const transient =
        isRetryable(err) || (err instanceof CliError && err.exitCode === EXIT.unreachable);
      if (!transient || Date.now() - lastSuccess > OUTAGE_TOLERANCE_MS) throw err;
    }
    await delay(POLL_MS);
  }
}
