/**
 * Size limits on what users store: a definition and its tasks, and the params of a definition
 * or a start request. The api makes them configurable (services/api/env.ts); validation takes
 * them as an argument so the same rules apply whoever parses.
 */
import { InvalidArgumentError } from '../errors.js';

export interface DefinitionLimits {
  /** UTF-8 bytes of a definition as sent: its YAML text, or its spec serialized as JSON. */
  readonly definitionBytes: number;
  /** Tasks in one definition. */
  readonly tasks: number;
  /** UTF-8 bytes of one task's command. */
  readonly commandBytes: number;
  /** UTF-8 bytes of all param names and values together, of a definition or a start request. */
  readonly paramsBytes: number;
  /** Params of a definition or a start request. */
  readonly paramCount: number;
}

export const DEFAULT_DEFINITION_LIMITS: DefinitionLimits = {
  definitionBytes: 1024 * 1024,
  tasks: 1000,
  commandBytes: 64 * 1024,
  paramsBytes: 64 * 1024,
  paramCount: 256,
};

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** `4 KiB` for whole KiB, else `4000 bytes`: how limits are named in messages. */
export function formatBytes(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/** Bytes of all names and values, as {@link DefinitionLimits.paramsBytes} counts them. */
export function paramsBytes(params: Record<string, string>): number {
  let total = 0;
  for (const [name, value] of Object.entries(params)) total += utf8Bytes(name) + utf8Bytes(value);
  return total;
}

/**
 * The reason `params` break the count or size limit, or undefined when they fit. Shared by the
 * definition schema and start requests so both say the same thing.
 */
export function paramsLimitProblem(
  params: Record<string, string>,
  limits: DefinitionLimits,
): string | undefined {
  const count = Object.keys(params).length;
  if (count > limits.paramCount) return `${count} params; at most ${limits.paramCount} allowed`;
  const bytes = paramsBytes(params);
  if (bytes > limits.paramsBytes) {
    return `names and values take ${bytes} bytes; at most ${formatBytes(limits.paramsBytes)} allowed`;
  }
  return undefined;
}

/** @throws InvalidArgumentError on `field` when the params break a limit */
export function checkParamsLimits(
  params: Record<string, string>,
  limits: DefinitionLimits,
  field: string,
): void {
  const problem = paramsLimitProblem(params, limits);
  if (problem !== undefined) throw new InvalidArgumentError(field, problem);
}

/**
 * Checks a definition's size before it is parsed (parsing a huge document is the cost to avoid).
 * @throws InvalidArgumentError on `field` (`yaml` or `spec`) when it is over the limit
 */
export function checkDefinitionBytes(text: string, limits: DefinitionLimits, field: string): void {
  // text.length is a lower bound of the byte length: skip the O(n) count for huge inputs.
  if (text.length > limits.definitionBytes || utf8Bytes(text) > limits.definitionBytes) {
    throw new InvalidArgumentError(
      field,
      `definition is larger than ${formatBytes(limits.definitionBytes)}`,
    );
  }
}
