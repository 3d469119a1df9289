import type { Metadata } from '@grpc/grpc-js';

/** What a handler knows about the call it serves: its deadline, cancellation and metadata. */
export interface CallContext {
  /** Absolute deadline in epoch milliseconds, or undefined when the caller set none. */
  readonly deadline: number | undefined;
  /** Aborted when the caller cancels or the deadline passes. */
  readonly signal: AbortSignal;
  readonly metadata: Metadata;
  /** Full method path, e.g. `/baton.v1.Master/ReportTask`. */
  readonly method: string;
}

/** Milliseconds left before the caller's deadline, capped at `capMs`. */
export function remainingMs(ctx: CallContext | undefined, capMs: number): number {
  if (ctx?.deadline === undefined) return capMs;
  return Math.max(0, Math.min(capMs, ctx.deadline - Date.now()));
}
