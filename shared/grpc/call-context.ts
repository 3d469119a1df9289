import type { Metadata } from '@grpc/grpc-js';
import type { PeerCertificate } from 'node:tls';

/** What a handler knows about the call it serves: its deadline, cancellation and metadata. */
export interface CallContext {
  /** Absolute deadline in epoch milliseconds, or undefined when the caller set none. */
  readonly deadline: number | undefined;
  /** Aborted when the caller cancels or the deadline passes. */
  readonly signal: AbortSignal;
  readonly metadata: Metadata;
  /** Full method path, e.g. `/baton.v1.Master/ReportTask`. */
  readonly method: string;
  /** Who is calling, as the service's authorizer established it (undefined: none is set). */
  readonly principal: Principal | undefined;
}

/**
 * An authenticated caller: an api client by its token (`kind: 'token'`), or a cluster member by
 * its certificate (`kind: 'peer'`). `role` is the token's role or the member's service role.
 */
export interface Principal {
  readonly kind: 'token' | 'peer';
  readonly name: string;
  readonly role: string;
}

/**
 * Decides who calls, before the handler runs: returns the principal, or throws
 * UnauthenticatedError / PermissionDeniedError (the handler then never runs).
 */
export type Authorizer = (method: string, call: ServerCallInfo) => Promise<Principal>;

/** What an authorizer may look at: the call's metadata and its TLS peer. */
export interface ServerCallInfo {
  readonly metadata: Metadata;
  readonly peerCertificate: PeerCertificate | undefined;
}

/** Milliseconds left before the caller's deadline, capped at `capMs`. */
export function remainingMs(ctx: CallContext | undefined, capMs: number): number {
  if (ctx?.deadline === undefined) return capMs;
  return Math.max(0, Math.min(capMs, ctx.deadline - Date.now()));
}
