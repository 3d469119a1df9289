import type { Authorizer, Principal } from '../grpc/call-context.js';
import { PermissionDeniedError, UnauthenticatedError } from '../errors.js';
import { roleAllows, type ApiRole } from './api-roles.js';
import { tokenHash } from './token-secret.js';
import type { TokenStore } from './token-store.js';

/** How long a token's lookup is reused: a revocation reaches other api processes within this. */
export const TOKEN_CACHE_MS = 5_000;
const CACHE_LIMIT = 10_000;

const BEARER = /^Bearer\s+(\S+)$/i;

interface CachedLookup {
  principal: Principal | undefined;
  until: number;
}

/**
 * Authenticates api calls by bearer token (`authorization: Bearer <secret>`) and checks the
 * token's role against the method's. Refusals happen before the handler runs, so a refused call
 * leaves nothing behind. Lookups are cached briefly: one MySQL read per token per few seconds,
 * not per call.
 */
export class TokenAuthorizer {
  private readonly cache = new Map<string, CachedLookup>();

  constructor(
    private readonly tokens: TokenStore,
    private readonly methodRoles: Readonly<Record<string, ApiRole>>,
    private readonly now: () => number = Date.now,
  ) {}

  readonly authorize: Authorizer = async (method, call) => {
    const header = call.metadata.get('authorization')[0];
    const secret = typeof header === 'string' ? BEARER.exec(header.trim())?.[1] : undefined;
    if (secret === undefined) {
      throw new UnauthenticatedError('missing bearer token (metadata "authorization: Bearer …")');
    }
    const principal = await this.lookup(secret);
    if (principal === undefined) throw new UnauthenticatedError('unknown or revoked token');
    const needed = this.methodRoles[method];
    if (needed === undefined || !roleAllows(principal.role as ApiRole, needed)) {
      throw new PermissionDeniedError(
        `${method} needs role ${needed ?? '(none: the method is closed)'}; ` +
          `token "${principal.name}" has role ${principal.role}`,
      );
    }
    return principal;
  };

  /** Drops cached lookups (this process revoked a token: it must stop working here at once). */
  forget(): void {
    this.cache.clear();
  }

  private async lookup(secret: string): Promise<Principal | undefined> {
    // Keyed by hash, so the process's memory holds no usable tokens.
    const key = tokenHash(secret);
    const cached = this.cache.get(key);
    if (cached !== undefined && cached.until > this.now()) return cached.principal;
    const token = await this.tokens.findValid(secret);
    const principal: Principal | undefined =
      token === undefined ? undefined : { kind: 'token', name: token.name, role: token.role };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, { principal, until: this.now() + TOKEN_CACHE_MS });
    return principal;
  }
}
