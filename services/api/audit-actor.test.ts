import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import type { CallContext, Principal } from '../../shared/grpc/call-context.js';
import { ANONYMOUS_ACTOR, auditActor } from './audit-actor.js';

function ctxWith(principal: Principal | undefined): CallContext {
  return {
    deadline: undefined,
    signal: new AbortController().signal,
    metadata: new Metadata(),
    method: '/baton.v1.BatonApi/StartInstance',
    principal,
  };
}

describe('auditActor', () => {
  it('names the authenticated caller', () => {
    expect(auditActor(ctxWith({ kind: 'token', name: 'ci-bot', role: 'operator' }))).toBe('ci-bot');
  });

  it('is "anonymous" when no authorizer set a principal', () => {
    expect(auditActor(ctxWith(undefined))).toBe(ANONYMOUS_ACTOR);
    expect(ANONYMOUS_ACTOR).toBe('anonymous');
  });
});
