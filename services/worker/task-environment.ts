import type { RunTaskRequest__Output } from '../../shared/proto/gen/baton/v1/RunTaskRequest.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A task's environment: only the allow-listed variables of the worker's own environment (so no
 * cluster credentials leak into user commands; env.ts refuses a list naming one), then
 * `overrides` (HOME for a task running as another user), the task's parameters whose names are
 * valid variable names, and BATON_* variables describing the task.
 */
export function taskEnvironment(
  allowList: readonly string[],
  req: RunTaskRequest__Output,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of allowList) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, overrides);
  for (const [name, value] of Object.entries(req.params)) {
    if (ENV_NAME.test(name)) env[name] = value;
  }
  env.BATON_INSTANCE_ID = req.instance_id;
  env.BATON_TASK_INSTANCE_ID = req.task_instance_id;
  env.BATON_TASK_NAME = req.task_name;
  env.BATON_TASK_ATTEMPT = String(req.attempt);
  env.BATON_WORKFLOW = req.workflow;
  return env;
}
