import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../../../shared/errors.js';

/** The mutating RPCs that take a `request_id`. */
export type IdempotentMethod =
  | 'StartInstance'
  | 'RerunInstance'
  | 'StopInstance'
  | 'PauseInstance'
  | 'ResumeInstance'
  | 'RecoverInstance'
  | 'ForceTaskSuccess'
  | 'StartBackfill'
  | 'StopBackfill'
  | 'ResumeBackfill';

/** A request id's limit, as the issue sets it; printable ASCII so it fits an ASCII key. */
export const MAX_REQUEST_ID_LENGTH = 128;
const REQUEST_ID = /^[\x21-\x7e]+$/;

/** Who asked what under which request id: the identity of one idempotent request. */
export interface RequestKey {
  /** The audit actor (the token's name): request ids are scoped per caller. */
  caller: string;
  requestId: string;
  method: IdempotentMethod;
  /** Hex SHA-256 of the method and its canonical arguments. */
  argsSha256: string;
}

/**
 * The key of a call that carries `requestId`, or undefined when it is empty (no idempotency
 * asked). `args` are the call's arguments as given (not as resolved: a start names the
 * workflow, not the version it resolved to), hashed in a canonical form (object keys sorted), so
 * the same arguments in another order are the same request.
 *
 * @throws InvalidArgumentError('request_id') when it is too long or not printable ASCII.
 */
export function requestKeyOf(
  requestId: string,
  caller: string,
  method: IdempotentMethod,
  args: unknown,
): RequestKey | undefined {
  if (requestId === '') return undefined;
  if (requestId.length > MAX_REQUEST_ID_LENGTH)
    throw new InvalidArgumentError(
      'request_id',
      `must be at most ${MAX_REQUEST_ID_LENGTH} characters; got ${requestId.length}`,
    );
  if (!REQUEST_ID.test(requestId))
    throw new InvalidArgumentError('request_id', 'must be printable ASCII without spaces');
  const canonical = canonicalJson({ method, args });
  const argsSha256 = createHash('sha256').update(canonical).digest('hex');
  return { caller, requestId, method, argsSha256 };
}

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
