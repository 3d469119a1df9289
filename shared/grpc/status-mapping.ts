import { Metadata, status, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { GRPCDeadlineExceededError, GRPCUnavailableError } from 'etcd3';
import {
  AlreadyExistsError,
  BatonError,
  CancelledError,
  ConflictError,
  DeadlineExceededError,
  FailedPreconditionError,
  InternalError,
  InvalidArgumentError,
  NotFoundError,
  OwnershipLostError,
  PermissionDeniedError,
  ResourceExhaustedError,
  StaleEpochError,
  UnauthenticatedError,
  UnavailableError,
} from '../errors.js';

/** Metadata keys that carry what a status code alone cannot (the field, the error class). */
const FIELD_KEY = 'baton-field';
const KIND_KEY = 'baton-error';
/** How long a refused caller should wait before retrying (RESOURCE_EXHAUSTED), in ms. */
export const RETRY_AFTER_KEY = 'retry-after-ms';

function codeFor(err: BatonError): status {
  if (err instanceof InvalidArgumentError) return status.INVALID_ARGUMENT;
  if (err instanceof NotFoundError) return status.NOT_FOUND;
  if (err instanceof AlreadyExistsError) return status.ALREADY_EXISTS;
  if (err instanceof FailedPreconditionError) return status.FAILED_PRECONDITION;
  if (err instanceof StaleEpochError) return status.FAILED_PRECONDITION;
  if (err instanceof OwnershipLostError) return status.ABORTED;
  if (err instanceof ConflictError) return status.ABORTED;
  if (err instanceof ResourceExhaustedError) return status.RESOURCE_EXHAUSTED;
  if (err instanceof UnauthenticatedError) return status.UNAUTHENTICATED;
  if (err instanceof PermissionDeniedError) return status.PERMISSION_DENIED;
  if (err instanceof UnavailableError) return status.UNAVAILABLE;
  if (err instanceof DeadlineExceededError) return status.DEADLINE_EXCEEDED;
  if (err instanceof CancelledError) return status.CANCELLED;
  return status.INTERNAL;
}

/**
 * Server side: the one place an error becomes a gRPC status. Anything that is not a BatonError
 * is a bug and reaches the caller as INTERNAL (never UNKNOWN), without its internals.
 */
export function toGrpcStatus(err: unknown): Partial<StatusObject> & { code: status } {
  const metadata = new Metadata();
  if (!(err instanceof BatonError)) {
    if (!isDependencyUnreachable(err)) {
      return { code: status.INTERNAL, details: 'internal error', metadata };
    }
    metadata.set(KIND_KEY, 'UnavailableError');
    return { code: status.UNAVAILABLE, details: 'etcd or MySQL is unreachable; retry', metadata };
  }
  metadata.set(KIND_KEY, err.name);
  if (err instanceof InvalidArgumentError) metadata.set(FIELD_KEY, err.field);
  if (err instanceof ResourceExhaustedError && err.retryAfterMs !== undefined)
    metadata.set(RETRY_AFTER_KEY, String(err.retryAfterMs));
  return { code: codeFor(err), details: err.message, metadata };
}

/** Socket and protocol failures of the MySQL driver: the server is down or restarting. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
]);

/**
 * A driver error that means a dependency (MySQL, etcd) cannot be reached right now, as when one
 * restarts: the caller may retry, so it is UNAVAILABLE rather than INTERNAL (a bug).
 */
function isDependencyUnreachable(err: unknown): boolean {
  if (err instanceof GRPCUnavailableError || err instanceof GRPCDeadlineExceededError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNREACHABLE_CODES.has(code);
}

function first(metadata: Metadata | undefined, key: string): string | undefined {
  const value = metadata?.get(key)[0];
  return typeof value === 'string' ? value : undefined;
}

function isServiceError(err: unknown): err is ServiceError {
  return err instanceof Error && typeof (err as Partial<ServiceError>).code === 'number';
}

/** Client side: the one place a gRPC status becomes a typed error again (keeping the cause). */
export function fromGrpcError(err: unknown): BatonError {
  if (err instanceof BatonError) return err;
  if (!isServiceError(err)) return new InternalError(String(err), { cause: err });
  const message = err.details || err.message;
  const kind = first(err.metadata, KIND_KEY);
  const options = { cause: err };
  switch (err.code) {
    case status.INVALID_ARGUMENT: {
      const field = first(err.metadata, FIELD_KEY) ?? '';
      const prefix = `${field}: `;
      const detail =
        field !== '' && message.startsWith(prefix) ? message.slice(prefix.length) : message;
      return new InvalidArgumentError(field, detail, options);
    }
    case status.NOT_FOUND:
      return new NotFoundError(message, options);
    case status.ALREADY_EXISTS:
      return new AlreadyExistsError(message, options);
    case status.FAILED_PRECONDITION:
      return kind === 'StaleEpochError'
        ? new StaleEpochError(message, options)
        : new FailedPreconditionError(message, options);
    case status.ABORTED:
      return kind === 'OwnershipLostError'
        ? new OwnershipLostError(message, options)
        : new ConflictError(message, options);
    case status.RESOURCE_EXHAUSTED: {
      const retryAfterMs = Number(first(err.metadata, RETRY_AFTER_KEY));
      return new ResourceExhaustedError(
        message,
        Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? { ...options, retryAfterMs } : options,
      );
    }
    case status.UNAUTHENTICATED:
      return new UnauthenticatedError(message, options);
    case status.PERMISSION_DENIED:
      return new PermissionDeniedError(message, options);
    case status.UNAVAILABLE:
      return new UnavailableError(message, options);
    case status.DEADLINE_EXCEEDED:
      return new DeadlineExceededError(message, options);
    case status.CANCELLED:
      return new CancelledError(message, options);
    default:
      return new InternalError(message, options);
  }
}
