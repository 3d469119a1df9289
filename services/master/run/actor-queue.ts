import {
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
  StaleEpochError,
} from '../../../shared/errors.js';

/**
 * Runs an actor's operations one at a time, in order. Once closed, every further operation
 * fails with `closedError()`. A failed operation rejects its own caller and is reported to
 * `onFailure`; the queue goes on.
 */
export class ActorQueue {
  private chain: Promise<unknown> = Promise.resolve();
  private isClosed = false;

  constructor(
    private readonly closedError: () => Error,
    private readonly onFailure: (label: string, err: unknown) => void,
  ) {}

  get closed(): boolean {
    return this.isClosed;
  }

  close(): void {
    this.isClosed = true;
  }

  enqueue<T>(label: string, op: () => Promise<T>): Promise<T> {
    const result = this.chain.then(() => {
      if (this.isClosed) throw this.closedError();
      return op();
    });
    this.chain = result.catch((err: unknown) => this.onFailure(label, err));
    return result;
  }

  /** `enqueue` for callers that do not wait; failures go to `onFailure` only. */
  post(label: string, op: () => Promise<void>): void {
    this.enqueue(label, op).catch(() => undefined);
  }
}

/** Refusals answer the caller; they say nothing about the actor's health. */
export function isRefusal(err: unknown): boolean {
  return (
    err instanceof FailedPreconditionError ||
    err instanceof NotFoundError ||
    err instanceof InvalidArgumentError ||
    err instanceof StaleEpochError
  );
}
