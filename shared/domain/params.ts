/**
 * Workflow parameters: `${name}` placeholders in task commands, filled from the definition's
 * params, the start request's params and Baton's system params.
 */

import { z } from 'zod';
import { InternalError } from '../errors.js';

const storedParamsSchema = z.record(z.string(), z.string());

/**
 * Params as stored in a row's JSON column (an instance's `params`).
 * @throws InternalError when the column does not hold an object of strings (a corrupt row).
 */
export function parseStoredParams(json: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new InternalError('stored params are not JSON', { cause: err });
  }
  const parsed = storedParamsSchema.safeParse(value);
  if (!parsed.success) throw new InternalError('stored params are not a map of strings');
  return parsed.data;
}

/** What a user-defined param name must look like (definition params and start params). */
export const PARAM_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.]{0,127}$/;

/** Names under this prefix are Baton's own (see {@link systemParams}); users may not define them. */
export const SYSTEM_PARAM_PREFIX = 'system.';

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_.]*)\}/g;

/**
 * Replaces every `${name}` whose name is a key of `params` with its value, in one pass: values
 * are inserted verbatim and never re-scanned, so a value containing `${x}` stays as it is.
 *
 * Placeholders with unknown names are left untouched, because shell commands legitimately use
 * `${HOME}` and friends. There is deliberately no escape syntax: `$${name}` is not special and
 * becomes `$` followed by the value. A shell command that needs its own variable of the same name
 * as a param can write `$name` (no braces), which is never substituted.
 */
export function substituteParams(template: string, params: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(params, name) ? (params[name] ?? whole) : whole,
  );
}

/**
 * Merges parameter layers; a later layer wins on conflicts (e.g.
 * `mergeParams(definitionParams, startParams, systemParams(...))`). Returns a new object and
 * copies own keys only, so a key such as `__proto__` is kept as plain data.
 */
export function mergeParams(...layers: Record<string, string>[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      Object.defineProperty(merged, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return merged;
}

/** The params Baton itself supplies to every task. They override user params of the same name. */
export function systemParams(ctx: {
  instanceId: string;
  workflow: string;
  task: string;
  attempt: number;
}): Record<string, string> {
  return {
    'system.instance.id': ctx.instanceId,
    'system.workflow.name': ctx.workflow,
    'system.task.name': ctx.task,
    'system.task.attempt': String(ctx.attempt),
  };
}
