/**
 * Instance labels and label selectors, after Kubernetes' (labels and selectors, "Syntax and
 * character set"): a key is an optional DNS-subdomain prefix and `/`, then a name of at most
 * 63 characters; a value is at most 63 characters of the name's alphabet, or empty. Pure: the
 * api validates with it and builds its queries from parsed selectors.
 */
import { InvalidArgumentError } from '../errors.js';
import { parseStoredParams } from './params.js';

export const MAX_LABELS = 32;
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const MAX_PREFIX = 253;

/** One requirement of a selector: `k=v`, `k!=v` (true without the label), `k`, `!k`. */
export type LabelRequirement =
  | { key: string; op: 'equals' | 'not-equals'; value: string }
  | { key: string; op: 'exists' | 'not-exists' };

/** @throws InvalidArgumentError(field) naming what is wrong with the key. */
export function checkLabelKey(key: string, field: string): void {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    const subdomain =
      prefix.length > 0 &&
      prefix.length <= MAX_PREFIX &&
      prefix.split('.').every((l) => DNS_LABEL.test(l));
    if (!subdomain)
      throw new InvalidArgumentError(
        field,
        `key prefix "${prefix}" must be a DNS subdomain (lower case, at most ${MAX_PREFIX} characters)`,
      );
  }
  if (!NAME.test(name))
    throw new InvalidArgumentError(
      field,
      `key name "${name}" must be 1 to 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric`,
    );
}

/** @throws InvalidArgumentError(field) */
export function checkLabelValue(value: string, field: string): void {
  if (value !== '' && !NAME.test(value))
    throw new InvalidArgumentError(
      field,
      `value "${value}" must be empty or 1 to 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric`,
    );
}

/** Validates a start's labels. @throws InvalidArgumentError naming `labels.<key>` */
export function validateLabels(labels: Record<string, string>, field = 'labels'): void {
  const keys = Object.keys(labels);
  if (keys.length > MAX_LABELS)
    throw new InvalidArgumentError(field, `at most ${MAX_LABELS} labels; got ${keys.length}`);
  for (const key of keys) {
    checkLabelKey(key, `${field}.${key}`);
    checkLabelValue(labels[key] ?? '', `${field}.${key}`);
  }
}

/**
 * Parses `k=v,k2!=v2,k3,!k4` (spaces around parts allowed; `==` is `=`). Empty text: no
 * requirement. @throws InvalidArgumentError(field)
 */
export function parseLabelSelector(text: string, field = 'label_selector'): LabelRequirement[] {
  if (text.trim() === '') return [];
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > MAX_LABELS * 2)
    throw new InvalidArgumentError(field, `at most ${MAX_LABELS * 2} requirements`);
  return parts.map((part) => parseRequirement(part, field));
}

function parseRequirement(part: string, field: string): LabelRequirement {
  if (part === '') throw new InvalidArgumentError(field, 'empty requirement (a stray comma?)');
  const notEq = part.indexOf('!=');
  const eq = part.indexOf('=');
  if (notEq > 0 || (eq < 0 && !part.startsWith('!'))) {
    const key = (notEq > 0 ? part.slice(0, notEq) : part).trim();
    checkLabelKey(key, field);
    if (notEq < 0) return { key, op: 'exists' };
    const value = part.slice(notEq + 2).trim();
    checkLabelValue(value, field);
    return { key, op: 'not-equals', value };
  }
  if (eq < 0) {
    const key = part.slice(1).trim();
    checkLabelKey(key, field);
    return { key, op: 'not-exists' };
  }
  const key = part.slice(0, eq).trim();
  const value = part.slice(part.startsWith('==', eq) ? eq + 2 : eq + 1).trim();
  checkLabelKey(key, field);
  checkLabelValue(value, field);
  return { key, op: 'equals', value };
}

/** Labels as stored on the instance (JSON text, or NULL for none). */
export function parseStoredLabels(json: string | null): Record<string, string> {
  return json === null ? {} : parseStoredParams(json);
}
