import { InvalidArgumentError } from '../errors.js';

const ID = /^[1-9][0-9]{0,19}$/;

/** A database id on the wire: a positive decimal string. @throws InvalidArgumentError */
export function requireId(value: string, field: string): string {
  if (!ID.test(value))
    throw new InvalidArgumentError(field, `expected a positive integer id, got "${value}"`);
  return value;
}

/** An epoch (etcd revision) on the wire, as a bigint. @throws InvalidArgumentError */
export function requireEpoch(value: string, field = 'epoch'): bigint {
  if (!ID.test(value))
    throw new InvalidArgumentError(field, `expected a positive epoch, got "${value}"`);
  return BigInt(value);
}

/** @throws InvalidArgumentError when `value` is empty or only whitespace. */
export function requireNonEmpty(value: string, field: string): string {
  if (value.trim() === '') throw new InvalidArgumentError(field, 'must not be empty');
  return value;
}

/** @throws InvalidArgumentError when `value` is not one of `allowed`. */
export function requireOneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  field: string,
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(field, `must be one of ${allowed.join(', ')}; got "${value}"`);
  }
  return value as T;
}

/** An RFC 3339 timestamp on the wire, or undefined when empty. @throws InvalidArgumentError */
export function optionalTimestamp(value: string, field: string): Date | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError(field, `not a timestamp: "${value}"`);
  return date;
}

/** Dates as the wire spells them: RFC 3339, empty when unset. */
export function timestampOf(date: Date | null | undefined): string {
  return date ? date.toISOString() : '';
}
