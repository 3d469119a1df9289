/**
 * Baton's typed errors. Every error that crosses a service boundary is one of these; they are
 * mapped to gRPC status in one place on each side (shared/grpc/status-mapping.ts). Whether a
 * caller may retry is decided by the class, never by parsing messages.
 */
export abstract class BatonError extends Error {
  /** True when repeating the same call later can succeed without changing it. */
  abstract readonly retryable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request is malformed; `field` is the path of the offending field, e.g. `tasks[1].command`. */
export class InvalidArgumentError extends BatonError {
  readonly retryable = false;

  constructor(
    readonly field: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(field === '' ? detail : `${field}: ${detail}`, options);
  }
}

export class NotFoundError extends BatonError {
  readonly retryable = false;
}

export class AlreadyExistsError extends BatonError {
  readonly retryable = false;
}

/** The target is not in a state that allows the operation (e.g. stopping an ended instance). */
export class FailedPreconditionError extends BatonError {
  readonly retryable = false;
}

/** The caller did not prove who it is (no credentials, or ones Baton does not know). */
export class UnauthenticatedError extends BatonError {
  readonly retryable = false;
}

/** The caller is known but may not do this (its role or identity does not allow it). */
export class PermissionDeniedError extends BatonError {
  readonly retryable = false;
}

/**
 * A limit was hit (queue length, pending starts, calls in flight); the caller may retry later,
 * after `retryAfterMs` when the refusing side suggests a wait (carried as `retry-after-ms`).
 */
export class ResourceExhaustedError extends BatonError {
  readonly retryable = true;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/**
 * The caller acted under an epoch that is no longer current: another master owns the instance,
 * or this process lost its lease. The holder must drop what it was doing.
 */
export class OwnershipLostError extends BatonError {
  readonly retryable = false;
}

/** A report or command carried an epoch older than the current owner's; look the owner up again. */
export class StaleEpochError extends BatonError {
  readonly retryable = true;
}

/** A revision-checked etcd transaction lost a race; re-read and try again. */
export class ConflictError extends BatonError {
  readonly retryable = true;
}

/** A dependency (etcd, MySQL, a peer) cannot be reached right now. */
export class UnavailableError extends BatonError {
  readonly retryable = true;
}

export class DeadlineExceededError extends BatonError {
  readonly retryable = true;
}

export class CancelledError extends BatonError {
  readonly retryable = false;
}

/** A bug or an invariant violation. Never retryable. */
export class InternalError extends BatonError {
  readonly retryable = false;
}

/** A state change the state tables do not allow: a bug in the caller. */
export class IllegalTransitionError extends InternalError {
  constructor(kind: 'workflow' | 'task', from: string, to: string) {
    super(`illegal ${kind} transition ${from} -> ${to}`);
  }
}

export function isRetryable(err: unknown): boolean {
  return err instanceof BatonError && err.retryable;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
