/**
 * The MySQL connection URL a service uses: MYSQL_URL, with the password from
 * MYSQL_PASSWORD_FILE when that is set. Deployments keep the password out of MYSQL_URL (which
 * then names only user, host and database) so the URL can be shown and the secret cannot.
 */
import { InvalidArgumentError } from '../errors.js';
import { readSecretFile } from './secret-file.js';

export interface MysqlEnv {
  MYSQL_URL: string;
  MYSQL_PASSWORD_FILE?: string | undefined;
}

/**
 * MYSQL_URL with MYSQL_PASSWORD_FILE's content as its password (URL-encoded). The result
 * carries a secret: connect with it, never log it (log {@link redactedMysqlUrl} instead).
 * @throws InvalidArgumentError when MYSQL_URL carries a password and MYSQL_PASSWORD_FILE is set
 *   too (which one wins would be a guess), when it carries no user to go with the file, or
 *   when the file cannot be read or is empty
 */
export function resolveMysqlUrl(env: MysqlEnv): string {
  if (env.MYSQL_PASSWORD_FILE === undefined) return env.MYSQL_URL;
  const url = new URL(env.MYSQL_URL);
  if (url.password !== '') {
    throw new InvalidArgumentError(
      'MYSQL_URL',
      'carries a password and MYSQL_PASSWORD_FILE is set too: keep the password in the file only',
    );
  }
  if (url.username === '') {
    throw new InvalidArgumentError('MYSQL_URL', 'names no user for MYSQL_PASSWORD_FILE');
  }
  url.password = encodeURIComponent(readSecretFile('MYSQL_PASSWORD_FILE', env.MYSQL_PASSWORD_FILE));
  return url.toString();
}

/** `url` with any password replaced by `***`, for messages and logs. */
export function redactedMysqlUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable MySQL URL)';
  }
}
