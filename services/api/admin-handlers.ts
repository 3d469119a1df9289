import { parseApiRole } from '../../shared/auth/api-roles.js';
import type { TokenAuthorizer } from '../../shared/auth/token-authorizer.js';
import { TokenStore, type StoredToken } from '../../shared/auth/token-store.js';
import type { Db } from '../../shared/db/connect.js';
import type { ServiceHandlers } from '../../shared/grpc/server.js';
import { timestampOf } from '../../shared/grpc/validate.js';
import type { BatonAdminDefinition } from '../../shared/proto/gen/baton/v1/BatonAdmin.js';
import type { ApiToken } from '../../shared/proto/gen/baton/v1/ApiToken.js';
import { auditActor } from './audit-actor.js';
import { recordAudit } from './audit-log.js';

/**
 * Token management (admin tokens only; the authorizer has checked that before these run). A
 * token's creation and revocation are audited in the transaction that makes them.
 */
export function adminHandlers(
  db: Db,
  authorizer: TokenAuthorizer,
): ServiceHandlers<BatonAdminDefinition> {
  return {
    async CreateToken(req, ctx) {
      const role = parseApiRole(req.role, 'role');
      const actor = auditActor(ctx);
      const created = await db.transaction().execute(async (trx) => {
        const made = await new TokenStore(trx).create(req.name, role, actor);
        await recordAudit(trx, {
          actor,
          action: 'token.create',
          targetKind: 'token',
          target: req.name,
          detail: { role },
        });
        return made;
      });
      return { token: tokenToProto(created.token), secret: created.secret };
    },
    async ListTokens() {
      return { tokens: (await new TokenStore(db).list()).map(tokenToProto) };
    },
    async RevokeToken(req, ctx) {
      const revoked = await db.transaction().execute(async (trx) => {
        const token = await new TokenStore(trx).revoke(req.name);
        await recordAudit(trx, {
          actor: auditActor(ctx),
          action: 'token.revoke',
          targetKind: 'token',
          target: req.name,
          detail: {},
        });
        return token;
      });
      authorizer.forget();
      return tokenToProto(revoked);
    },
  };
}

function tokenToProto(t: StoredToken): ApiToken {
  return {
    name: t.name,
    role: t.role,
    created_at: timestampOf(t.created_at),
    created_by: t.created_by,
    revoked_at: timestampOf(t.revoked_at),
  };
}
