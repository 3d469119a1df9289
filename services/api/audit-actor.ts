import type { CallContext } from '../../shared/grpc/call-context.js';

/** Who the audit log names when the api runs without authentication. */
export const ANONYMOUS_ACTOR = 'anonymous';

/** The caller an audited action is recorded under: its token's (or member's) name. */
export function auditActor(ctx: CallContext): string {
  return ctx.principal?.name ?? ANONYMOUS_ACTOR;
}
