import { setTimeout as delay } from 'node:timers/promises';
import type { Command } from 'commander';
import { NotFoundError } from '../../../shared/errors.js';
import type { CliContext } from '../context.js';
import { positiveInt, runCommand } from '../run-command.js';
import { isEnded } from '../watch-instance.js';

const FOLLOW_POLL_MS = 500;

interface LogsOptions {
  attempt?: string;
  follow?: boolean;
}

/** `baton logs ID TASK [--attempt N] [--follow]`: a task attempt's output, read from its worker. */
export function registerLogs(program: Command): void {
  program
    .command('logs')
    .description("print a task's log (the latest attempt unless --attempt)")
    .argument('<id>', 'the instance id')
    .argument('<task>', 'the task name')
    .option('--attempt <n>', 'which attempt (default: the latest)')
    .option('-f, --follow', 'keep reading until the task has ended')
    .action((id: string, task: string, opts: LogsOptions, command: Command) =>
      runCommand(command, async (ctx) => {
        const follow = opts.follow === true;
        let attempt = positiveInt(opts.attempt, '--attempt') ?? 0;
        if (follow) attempt = await waitForDispatch(ctx, id, task, attempt);
        const out = await readLog(ctx, { id, task, attempt, follow });
        if (ctx.json) ctx.printJson(out);
      }),
    );
}

interface LogRead {
  instanceId: string;
  task: string;
  attempt: number;
  worker: string;
  complete: boolean;
  content: string;
}

/** Reads from offset 0 on; prints as it goes in text mode, collects in JSON mode. */
async function readLog(
  ctx: CliContext,
  o: { id: string; task: string; attempt: number; follow: boolean },
): Promise<LogRead> {
  const out: LogRead = {
    instanceId: o.id,
    task: o.task,
    attempt: o.attempt,
    worker: '',
    complete: false,
    content: '',
  };
  let offset = '0';
  for (;;) {
    const chunk = await ctx.call('GetTaskLog', {
      instance_id: o.id,
      task: o.task,
      attempt: out.attempt,
      offset,
    });
    // Pin the attempt: a retry must not switch files under a follower.
    Object.assign(out, { attempt: chunk.attempt, worker: chunk.worker, complete: chunk.complete });
    offset = chunk.next_offset;
    if (chunk.content !== '') {
      if (ctx.json) out.content += chunk.content;
      else process.stdout.write(chunk.content);
      continue;
    }
    if (!o.follow || chunk.complete) return out;
    await delay(FOLLOW_POLL_MS);
  }
}

/**
 * `--follow` may be given before the task runs: waits until the attempt has a worker (or the
 * instance has ended, when reading reports why there is no log), and returns the attempt.
 * @throws NotFoundError when the workflow has no such task
 */
async function waitForDispatch(
  ctx: CliContext,
  id: string,
  task: string,
  attempt: number,
): Promise<number> {
  let checkedDefinition = false;
  for (;;) {
    const instance = await ctx.call('GetInstance', { id });
    const attempts = instance.tasks.filter((t) => t.name === task);
    const target =
      attempt === 0
        ? attempts.reduce<(typeof attempts)[number] | undefined>(
            (a, b) => (a === undefined || b.attempt > a.attempt ? b : a),
            undefined,
          )
        : attempts.find((t) => t.attempt === attempt);
    if (isEnded(instance) || target?.worker || target?.type === 'SUB_WORKFLOW') {
      return target?.attempt ?? attempt;
    }
    if (!checkedDefinition) {
      const definition = await ctx.call('GetWorkflow', {
        name: instance.workflow,
        version: instance.version,
      });
      if (!definition.spec?.tasks.some((t) => t.name === task)) {
        throw new NotFoundError(`workflow ${instance.workflow} has no task ${task}`);
      }
      checkedDefinition = true;
    }
    await delay(FOLLOW_POLL_MS);
  }
}
