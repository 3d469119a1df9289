import type { Db } from '../db/connect.js';
import type { ApiTokensTable } from '../db/schema.js';
import {
  AlreadyExistsError,
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
} from '../errors.js';
import type { Selectable } from 'kysely';
import type { ApiRole } from './api-roles.js';
import { newTokenSecret, tokenHash } from './token-secret.js';

export type StoredToken = Omit<Selectable<ApiTokensTable>, 'token_sha256'>;

const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

/** Api tokens in MySQL (`api_tokens`): created with a fresh secret, listed, revoked. */
export class TokenStore {
  constructor(private readonly db: Db) {}

  /**
   * Creates a token and returns it with its secret, which is not stored anywhere.
   * @throws InvalidArgumentError for a bad name; AlreadyExistsError when the name is taken
   */
  async create(
    name: string,
    role: ApiRole,
    createdBy: string,
  ): Promise<{ token: StoredToken; secret: string }> {
    if (!TOKEN_NAME.test(name)) {
      throw new InvalidArgumentError('name', `must match ${TOKEN_NAME.source}`);
    }
    const secret = newTokenSecret();
    try {
      await this.db
        .insertInto('api_tokens')
        .values({ name, role, token_sha256: tokenHash(secret), created_by: createdBy })
        .execute();
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ER_DUP_ENTRY') {
        throw new AlreadyExistsError(`a token named "${name}" exists (names are never reused)`);
      }
      throw err;
    }
    return { token: await this.get(name), secret };
  }

  async list(): Promise<StoredToken[]> {
    return this.columns().orderBy('id').execute();
  }

  /** @throws NotFoundError; FailedPreconditionError when it was revoked already */
  async revoke(name: string): Promise<StoredToken> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('name', '=', name)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const token = await this.get(name);
    if (result.numUpdatedRows === 0n) {
      throw new FailedPreconditionError(`token "${name}" was revoked already`);
    }
    return token;
  }

  /** The valid (not revoked) token with this secret, if any. */
  async findValid(secret: string): Promise<StoredToken | undefined> {
    return this.columns()
      .where('token_sha256', '=', tokenHash(secret))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }

  private async get(name: string): Promise<StoredToken> {
    const token = await this.columns().where('name', '=', name).executeTakeFirst();
    if (token === undefined) throw new NotFoundError(`no token named "${name}"`);
    return token;
  }

  private columns() {
    return this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'role', 'created_at', 'created_by', 'revoked_at']);
  }
}
