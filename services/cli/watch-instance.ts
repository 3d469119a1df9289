/**
 * Following an instance until it ends: `start --wait`, `stop --wait`, `rerun --wait`,
 * `recover --wait`, `resume --wait`, `get --watch` and `cluster up --demo`. The CLI follows the
 * instance's WatchInstance stream (no polling): it prints a progress line per change, and when
 * the stream breaks (an api restart, a slow read) it reconnects with `after_change`, the last
 * change id it printed, so it neither misses a line nor prints one twice.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { formatDuration } from '../../shared/domain/duration.js';
import { TERMINAL_WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';
import { isRetryable } from '../../shared/errors.js';
import type { Instance__Output } from '../../shared/proto/gen/baton/v1/Instance.js';
import type { InstanceEvent__Output } from '../../shared/proto/gen/baton/v1/InstanceEvent.js';
import { CliError, EXIT } from './cli-error.js';
import type { CliContext } from './context.js';
import { between, clockTime } from './text-format.js';

/** How long the watch rides out an unreachable api (a restart) before giving up. */
const OUTAGE_TOLERANCE_MS = 30_000;
const RECONNECT_BACKOFF_MS = [100, 250, 500, 1_000, 2_000];

export interface WatchOptions {
  /** Give up (CliError) after this long; default: wait for ever. */
  timeoutMs?: number;
  /** Print progress lines to stdout (text mode). */
  progress: boolean;
}

export function isEnded(instance: Instance__Output): boolean {
  return (TERMINAL_WORKFLOW_STATES as readonly string[]).includes(instance.state);
}

/**
 * Follows the instance's changes until it is in a terminal state and returns it.
 * @throws CliError when `timeoutMs` passes first, or the api stays unreachable for 30 s
 */
export async function watchInstance(
  ctx: CliContext,
  id: string,
  options: WatchOptions,
): Promise<Instance__Output> {
  const first = await ctx.call('GetInstance', { id });
  const progress = options.progress ? await ProgressPrinter.for(ctx, first) : undefined;
  const timeout = new AbortController();
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => timeout.abort(), options.timeoutMs);
  let after = '0';
  let failures = 0;
  let outageSince: number | undefined;
  try {
    for (;;) {
      try {
        for await (const event of ctx.watchInstance(id, after, timeout.signal)) {
          after = event.change_id;
          failures = 0;
          outageSince = undefined;
          progress?.show(event);
        }
        if (!timeout.signal.aborted) return await ctx.call('GetInstance', { id });
      } catch (err) {
        const transient =
          isRetryable(err) || (err instanceof CliError && err.exitCode === EXIT.unreachable);
        outageSince ??= Date.now();
        if (!transient || Date.now() - outageSince > OUTAGE_TOLERANCE_MS) throw err;
      }
      if (timeout.signal.aborted) {
        const last = await ctx.call('GetInstance', { id }).catch(() => undefined);
        const state = last === undefined ? '' : ` it is still ${last.state};`;
        throw new CliError(
          `gave up waiting for instance ${id} after ${formatDuration(options.timeoutMs ?? 0)}:` +
            `${state} it keeps running (baton stop ${id} stops it)`,
        );
      }
      await delay(RECONNECT_BACKOFF_MS[Math.min(failures++, RECONNECT_BACKOFF_MS.length - 1)]);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** `instance 12 SUCCESS in 4.2s` */
export function summaryLine(instance: Instance__Output): string {
  const took = between(instance.created_at, instance.ended_at);
  return `instance ${instance.id} ${instance.state}${took === undefined ? '' : ` in ${took}`}`;
}

/** One line per change: `12:00:01  extract   RUNNING     attempt 1  worker-1`. */
class ProgressPrinter {
  /** Task names are padded to the longest in the definition, so columns stay put. */
  private constructor(private readonly nameWidth: number) {}

  static async for(ctx: CliContext, instance: Instance__Output): Promise<ProgressPrinter> {
    const names = instance.tasks.map((t) => t.name);
    try {
      const definition = await ctx.call('GetWorkflow', {
        name: instance.workflow,
        version: instance.version,
      });
      names.push(...(definition.spec?.tasks.map((t) => t.name) ?? []));
    } catch {
      // Only cosmetic: pad to what the instance shows.
    }
    return new ProgressPrinter(Math.max(8, ...names.map((n) => n.length)));
  }

  show(event: InstanceEvent__Output): void {
    const now = clockTime(event.at === '' ? new Date() : new Date(event.at));
    if (event.task === '') {
      process.stdout.write(`${now}  instance ${event.instance_id} ${event.to_state}\n`);
      return;
    }
    const line = [
      now,
      event.task.padEnd(this.nameWidth),
      event.to_state.padEnd(10),
      `attempt ${event.attempt}`,
    ];
    const where =
      event.child_id !== '' ? `child ${event.child_id}` : event.worker !== '' ? event.worker : '';
    if (where !== '') line.push(where);
    process.stdout.write(`${line.join('  ')}\n`);
  }
}
