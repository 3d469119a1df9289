/**
 * Following an instance until it ends: `start --wait`, `stop --wait` and `cluster up --demo`.
 * The CLI is a client, so it polls GetInstance; it prints a progress line whenever the
 * instance's state or a task attempt's state changes.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { formatDuration } from '../../shared/domain/duration.js';
import { TERMINAL_WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';
import { isRetryable } from '../../shared/errors.js';
import type { Instance__Output } from '../../shared/proto/gen/baton/v1/Instance.js';
import { CliError, EXIT } from './cli-error.js';
import type { CliContext } from './context.js';
import { between, clockTime } from './text-format.js';

const POLL_MS = 300;
/** How long polling rides out an unreachable api (a restart) before giving up. */
const OUTAGE_TOLERANCE_MS = 30_000;

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
 * Polls the instance until it is in a terminal state and returns it.
 * @throws CliError when `timeoutMs` passes first, or the api stays unreachable for 30 s
 */
export async function watchInstance(
  ctx: CliContext,
  id: string,
  options: WatchOptions,
): Promise<Instance__Output> {
  const startedAt = Date.now();
  const progress = new ProgressPrinter(ctx);
  let lastSuccess = Date.now();
  let last: Instance__Output | undefined;
  for (;;) {
    try {
      last = await ctx.call('GetInstance', { id });
      lastSuccess = Date.now();
      if (options.progress) await progress.show(last);
      if (isEnded(last)) return last;
    } catch (err) {
      const transient =
        isRetryable(err) || (err instanceof CliError && err.exitCode === EXIT.unreachable);
      if (!transient || Date.now() - lastSuccess > OUTAGE_TOLERANCE_MS) throw err;
    }
    if (options.timeoutMs !== undefined && Date.now() - startedAt >= options.timeoutMs) {
      const state = last === undefined ? '' : ` it is still ${last.state};`;
      throw new CliError(
        `gave up waiting for instance ${id} after ${formatDuration(options.timeoutMs)}:${state} ` +
          `it keeps running (baton stop ${id} stops it)`,
      );
    }
    await delay(POLL_MS);
  }
}

/** `instance 12 SUCCESS in 4.2s` */
export function summaryLine(instance: Instance__Output): string {
  const took = between(instance.created_at, instance.ended_at);
  return `instance ${instance.id} ${instance.state}${took === undefined ? '' : ` in ${took}`}`;
}

/** Remembers what it printed, and prints only what changed. */
class ProgressPrinter {
  private instanceState = '';
  private readonly taskStates = new Map<string, string>();
  /** Task names are padded to the longest in the definition, so columns stay put. */
  private nameWidth: number | undefined;

  constructor(private readonly ctx: CliContext) {}

  async show(instance: Instance__Output): Promise<void> {
    this.nameWidth ??= await this.longestTaskName(instance);
    const now = clockTime();
    const ended = isEnded(instance);
    // The instance's own line comes first, except its final state, which comes last.
    if (!ended) this.showInstance(now, instance);
    for (const task of instance.tasks) {
      const key = `${task.name}#${task.attempt}`;
      if (this.taskStates.get(key) === task.state) continue;
      this.taskStates.set(key, task.state);
      const where =
        task.child_id !== '' ? `child ${task.child_id}` : task.worker !== '' ? task.worker : '';
      const line = [
        now,
        task.name.padEnd(this.nameWidth),
        task.state.padEnd(10),
        `attempt ${task.attempt}`,
      ];
      if (where !== '') line.push(where);
      process.stdout.write(`${line.join('  ')}\n`);
    }
    if (ended) this.showInstance(now, instance);
  }

  private showInstance(now: string, instance: Instance__Output): void {
    if (instance.state === this.instanceState) return;
    this.instanceState = instance.state;
    process.stdout.write(`${now}  instance ${instance.id} ${instance.state}\n`);
  }

  private async longestTaskName(instance: Instance__Output): Promise<number> {
    const names = instance.tasks.map((t) => t.name);
    try {
      const definition = await this.ctx.call('GetWorkflow', {
        name: instance.workflow,
        version: instance.version,
      });
      names.push(...(definition.spec?.tasks.map((t) => t.name) ?? []));
    } catch {
      // Only cosmetic: pad to what the instance shows.
    }
    return Math.max(8, ...names.map((n) => n.length));
  }
}
