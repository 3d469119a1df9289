/**
 * User input → validated {@link WorkflowDefinitionSpec}. Two entry points: YAML text (CLI, files)
 * and the equivalent plain object (the API layer's translation of the gRPC `WorkflowSpec`). Every
 * rejection is an {@link InvalidArgumentError} whose `field` is the path in YAML (camelCase)
 * terms, e.g. `tasks[1].dependsOn[0]`.
 */
import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';

import { InvalidArgumentError } from '../errors.js';
import { validateBranches } from './branch-rules.js';
import { validateDag } from './dag.js';
import {
  checkDefinitionBytes,
  DEFAULT_DEFINITION_LIMITS,
  type DefinitionLimits,
} from './definition-limits.js';
import { workflowSchema } from './definition-schema.js';
import { shieldPlaceholders } from './placeholder-shield.js';
import type { WorkflowDefinitionSpec } from './workflow-spec.js';

/**
 * Parses one YAML document and validates it with {@link parseWorkflowSpec}.
 *
 * @throws InvalidArgumentError with field `yaml` when the text is over
 *   `limits.definitionBytes` (checked before parsing), is not valid YAML (the message names the line), holds no
 *   document or more than one, or its document is not a mapping; otherwise as parseWorkflowSpec
 */
export function parseWorkflowYaml(
  text: string,
  limits: DefinitionLimits = DEFAULT_DEFINITION_LIMITS,
): WorkflowDefinitionSpec {
  checkDefinitionBytes(text, limits, 'yaml');
  const shield = shieldPlaceholders(text);
  const parsed = parseAllDocuments(shield.text, { uniqueKeys: true });
  // parseAllDocuments returns an EmptyStream (an empty array) when there is no document at all.
  const [doc, ...more] = Array.isArray(parsed) ? parsed : [];
  if (doc === undefined) throw new InvalidArgumentError('yaml', 'empty document');
  const error = doc.errors[0];
  if (error !== undefined) {
    // yaml's messages end with a code excerpt after the position; keep the first line.
    const firstLine = (error.message.split('\n')[0] ?? '').replace(/:$/, '');
    throw new InvalidArgumentError('yaml', firstLine, { cause: error });
  }
  if (more.length > 0) {
    throw new InvalidArgumentError('yaml', 'expected one YAML document, found several (---)');
  }
  let value: unknown;
  try {
    // The default alias limit (100) guards against "billion laughs" expansion.
    value = shield.restore(doc.toJS({ maxAliasCount: 100 }));
  } catch (err) {
    throw new InvalidArgumentError('yaml', (err as Error).message, { cause: err });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError('yaml', 'document must be a mapping (name: …, tasks: …)');
  }
  return parseWorkflowSpec(value, limits);
}

/**
 * Validates a definition given as a plain object with the YAML's camelCase keys, fills in the
 * defaults and returns the normalized spec: durations in ms, `timeoutMs: null` when absent,
 * `command: ''` on SUB_WORKFLOW tasks and `workflow: ''` on SHELL tasks. `undefined` means
 * absent; `null` and empty strings are values and are checked like any other. Sub-workflow
 * references are not checked here (see `sub-workflow-references.ts`). Counts and sizes are
 * checked against `limits` (tasks, commands, params); the caller checks the whole input's size.
 *
 * @throws InvalidArgumentError for the first problem found. Unknown keys are reported before any
 *   other problem, since a misspelt key usually explains a "required" error elsewhere.
 */
export function parseWorkflowSpec(
  input: unknown,
  limits: DefinitionLimits = DEFAULT_DEFINITION_LIMITS,
): WorkflowDefinitionSpec {
  const result = workflowSchema(limits).safeParse(input, {
    // a missing key reaches its schema as `undefined`: say so rather than "expected string"
    error: (issue) =>
      (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined
        ? 'is required'
        : undefined,
  });
  if (!result.success) throw issueToError(result.error.issues);
  validateDag(result.data.tasks);
  validateBranches(result.data.tasks);
  return result.data;
}

/** Picks the issue to report (unknown keys first) and names its field. */
export function issueToError(issues: readonly z.core.$ZodIssue[]): InvalidArgumentError {
  const issue = issues.find((candidate) => candidate.code === 'unrecognized_keys') ?? issues[0];
  if (issue === undefined) return new InvalidArgumentError('', 'invalid definition');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      return new InvalidArgumentError(formatPath([...issue.path, key]), `unknown key "${key}"`);
    }
    case 'invalid_key':
      // the issue's path already ends with the offending key; the reason is in the nested issue
      return new InvalidArgumentError(
        formatPath(issue.path),
        `invalid key: ${issue.issues[0]?.message ?? issue.message}`,
      );
    default:
      return new InvalidArgumentError(formatPath(issue.path), issue.message);
  }
}

/**
 * Turns a zod issue path into the form users see: `tasks[1].dependsOn[0]`. Keys that are not
 * plain identifiers are quoted, so a param key `a.b` shows as `params["a.b"]`.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}
