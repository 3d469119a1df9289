import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'baton_';

/**
 * A new api token: 256 random bits. The prefix lets secret scanners and people recognise one
 * in a log or a leaked file.
 */
export function newTokenSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored and looked up: the hex SHA-256 of the token. */
export function tokenHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
