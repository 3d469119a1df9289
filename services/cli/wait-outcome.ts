import type { Instance__Output } from '../../shared/proto/gen/baton/v1/Instance.js';
import { CliError } from './cli-error.js';
import type { CliContext } from './context.js';
import { instanceJson } from './instance-json.js';
import { summaryLine } from './watch-instance.js';

/**
 * Prints an instance that was waited for (its JSON, or the summary line) and fails with a
 * one-line explanation when it did not end in `wanted`.
 * @throws CliError when `instance.state !== wanted`
 */
export function reportEnded(ctx: CliContext, instance: Instance__Output, wanted: string): void {
  if (ctx.json) ctx.printJson(instanceJson(instance));
  else ctx.say(summaryLine(instance));
  const failure = endedOtherwise(instance, wanted);
  if (failure !== undefined) throw failure;
}

/** A CliError explaining why `instance` did not end in `wanted` (its failed tasks), if it did not. */
export function endedOtherwise(instance: Instance__Output, wanted: string): CliError | undefined {
  if (instance.state === wanted) return undefined;
  const failed = latestAttempts(instance).filter((t) => t.state !== 'SUCCESS');
  const details = failed.map((t) => {
    const exit = t.has_exit_code ? `, exit ${t.exit_code}` : '';
    const hint =
      t.child_id !== '' ? `baton get ${t.child_id}` : `baton logs ${instance.id} ${t.name}`;
    return `task ${t.name} ${t.state}${exit} (${hint})`;
  });
  return new CliError(
    `instance ${instance.id} ended ${instance.state}` +
      (details.length > 0 ? `: ${details.join('; ')}` : ''),
  );
}

/** The newest attempt of each task, in the order tasks first appear. */
function latestAttempts(instance: Instance__Output): Instance__Output['tasks'] {
  const latest = new Map<string, Instance__Output['tasks'][number]>();
  for (const task of instance.tasks) {
    const seen = latest.get(task.name);
    if (seen === undefined || task.attempt > seen.attempt) latest.set(task.name, task);
  }
  return [...latest.values()];
}
