import type { Asker } from './instances.js';
import type { CallContext } from '../../shared/grpc/call-context.js';

/** Who the audit log names when the api runs without authentication. */
export const ANONYMOUS_ACTOR = 'anonymous';

/** The caller an audited action is recorded under: its token's (or member's) name. */
export function auditActor(ctx: CallContext): string {
  return ctx.principal?.name ?? ANONYMOUS_ACTOR;
}

/** The asker of a mutating call: its audit actor, the call, and the request id it carries. */
export function askerOf(ctx: CallContext, requestId: string): Asker {
  return { actor: auditActor(ctx), call: ctx, requestId };
}
