import type { RunTaskRequest__Output } from '../../shared/proto/gen/baton/v1/RunTaskRequest.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What the worker made for one attempt that its environment names. */
export interface AttemptEnvironment {
  /** HOME for a task running as another user (not the worker's /root); undefined: allow-list's. */
  home: string | undefined;
  /** The attempt's $BATON_OUTPUT file (output-file.ts). */
  outputFile: string;
}

/**
 * A task's environment: only the allow-listed variables of the worker's own environment (so no
 * cluster credentials leak into user commands; env.ts refuses a list naming one), then HOME, the
 * task's parameters whose names are valid variable names, and BATON_* variables describing the
 * task, which a parameter cannot override.
 */
export function taskEnvironment(
  allowList: readonly string[],
  req: RunTaskRequest__Output,
  attempt: AttemptEnvironment,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of allowList) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  if (attempt.home !== undefined) env.HOME = attempt.home;
  for (const [name, value] of Object.entries(req.params)) {
    if (ENV_NAME.test(name)) env[name] = value;
  }
  env.BATON_INSTANCE_ID = req.instance_id;
  env.BATON_TASK_INSTANCE_ID = req.task_instance_id;
  env.BATON_TASK_NAME = req.task_name;
  env.BATON_TASK_ATTEMPT = String(req.attempt);
  env.BATON_WORKFLOW = req.workflow;
  env.BATON_OUTPUT = attempt.outputFile;
  return env;
}
