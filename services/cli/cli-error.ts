/**
 * How the CLI fails: one `error: <message>` line on stderr and an exit code that tells scripts
 * what kind of failure it was.
 */
import type { ServiceError } from '@grpc/grpc-js';
import {
  BatonError,
  DeadlineExceededError,
  UnavailableError,
  errorMessage,
} from '../../shared/errors.js';

/** Exit codes: 0 success, 1 failure (usage, validation, not found, unsuccessful run), 2 no api. */
export const EXIT = { ok: 0, failure: 1, unreachable: 2 } as const;

/** An expected failure with a message for the user and the exit code to end with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * True when the error is about the connection to the api itself (nothing answered), not an
 * UNAVAILABLE or DEADLINE_EXCEEDED that a running api reported about its own dependencies:
 * errors raised by a Baton server carry the `baton-error` metadata key, transport errors do not.
 */
export function isTransportError(err: unknown): boolean {
  if (!(err instanceof UnavailableError) && !(err instanceof DeadlineExceededError)) return false;
  const cause = err.cause as Partial<ServiceError> | undefined;
  return (cause?.metadata?.get('baton-error') ?? []).length === 0;
}

/** Turns a failed gRPC call to `address` into a CliError with a message that says what to do. */
export function apiCallError(err: unknown, address: string): unknown {
  if (!isTransportError(err)) return err;
  if (err instanceof DeadlineExceededError) {
    return new CliError(
      `the Baton api at ${address} did not answer in time (${err.message})`,
      EXIT.unreachable,
    );
  }
  return new CliError(
    `cannot reach the Baton api at ${address} (${transportReason(errorMessage(err))}); ` +
      'is a cluster running? Start one with: baton cluster up',
    EXIT.unreachable,
  );
}

/** Prints the one-line report of `err` to stderr and returns the exit code to end with. */
export function reportError(err: unknown): number {
  const exitCode = err instanceof CliError ? err.exitCode : EXIT.failure;
  const message = err instanceof BatonError || err instanceof Error ? err.message : String(err);
  process.stderr.write(`error: ${firstLine(message)}\n`);
  return exitCode;
}

/** `connect ECONNREFUSED 127.0.0.1:1` out of grpc-js's longer "No connection established" text. */
export function transportReason(message: string): string {
  const reason = firstLine(message)
    .replace(/\s*Resolution note:.*$/, '')
    .replace(/^No connection established\. Last error: /, '')
    .replace(/^Error: /, '')
    .replace(/\.$/, '');
  return reason === '' ? 'no connection' : reason;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.trim() === '' ? 'unknown error' : line.trimEnd();
}
