import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Bearer tokens of the public api. Only a token's SHA-256 is stored: tokens are 256 random
 * bits, so a fast hash is enough (no dictionary to attack), and a stolen table grants nothing.
 * Revoked tokens stay, so the audit log can still name them.
 */
export const apiTokens: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE api_tokens (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        name VARCHAR(128) NOT NULL,
        role ENUM('viewer', 'operator', 'admin') NOT NULL,
        token_sha256 CHAR(64) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        created_by VARCHAR(128) NOT NULL,
        revoked_at DATETIME(3) NULL,
        UNIQUE KEY api_tokens_name (name),
        UNIQUE KEY api_tokens_hash (token_sha256)
      )`.execute(db);
  },
};
