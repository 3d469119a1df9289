import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { redactedMysqlUrl, resolveMysqlUrl } from './mysql-url.js';

const dir = mkdtempSync(join(tmpdir(), 'baton-mysql-url-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function secretFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

describe('resolveMysqlUrl', () => {
  it('returns MYSQL_URL as it is without MYSQL_PASSWORD_FILE', () => {
    const url = 'mysql://baton:pw@db:3306/baton';
    expect(resolveMysqlUrl({ MYSQL_URL: url })).toBe(url);
  });

  it('puts the file content, without its trailing newline, into the URL as the password', () => {
    const file = secretFile('plain', 's3cret\n');
    const url = resolveMysqlUrl({
      MYSQL_URL: 'mysql://baton@db:3306/baton',
      MYSQL_PASSWORD_FILE: file,
    });
    expect(url).toBe('mysql://baton:s3cret@db:3306/baton');
  });

  it('encodes characters that mean something in a URL, as mysql2 decodes them', () => {
    const password = 'a@b:c/d%e f?g#h';
    const file = secretFile('odd', `${password}\r\n`);
    const url = new URL(
      resolveMysqlUrl({ MYSQL_URL: 'mysql://baton@db:3306/baton', MYSQL_PASSWORD_FILE: file }),
    );
    expect(decodeURIComponent(url.password)).toBe(password);
    expect([url.username, url.host, url.pathname]).toEqual(['baton', 'db:3306', '/baton']);
  });

  it('refuses a password in both places, naming MYSQL_URL', () => {
    const file = secretFile('both', 'x');
    const resolve = () =>
      resolveMysqlUrl({ MYSQL_URL: 'mysql://baton:pw@db/baton', MYSQL_PASSWORD_FILE: file });
    expect(resolve).toThrow(InvalidArgumentError);
    expect(resolve).toThrow(/^MYSQL_URL: carries a password and MYSQL_PASSWORD_FILE is set/);
  });

  it('refuses a URL without a user, and a missing or empty file, naming the variable', () => {
    const file = secretFile('ok', 'x');
    expect(() =>
      resolveMysqlUrl({ MYSQL_URL: 'mysql://db/baton', MYSQL_PASSWORD_FILE: file }),
    ).toThrow(/^MYSQL_URL: names no user/);
    expect(() =>
      resolveMysqlUrl({ MYSQL_URL: 'mysql://u@db/b', MYSQL_PASSWORD_FILE: join(dir, 'none') }),
    ).toThrow(/^MYSQL_PASSWORD_FILE: cannot read .*none \(ENOENT\)$/);
    expect(() =>
      resolveMysqlUrl({ MYSQL_URL: 'mysql://u@db/b', MYSQL_PASSWORD_FILE: secretFile('e', '\n') }),
    ).toThrow(/^MYSQL_PASSWORD_FILE: .* is empty$/);
  });

  it('never puts the secret into its error messages', () => {
    const file = secretFile('leak', 'do-not-show');
    try {
      resolveMysqlUrl({ MYSQL_URL: 'mysql://u:do-not-show@db/b', MYSQL_PASSWORD_FILE: file });
    } catch (err) {
      expect((err as Error).message).not.toContain('do-not-show');
    }
  });
});

describe('redactedMysqlUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactedMysqlUrl('mysql://baton:pw@db:3306/baton')).toBe(
      'mysql://baton:***@db:3306/baton',
    );
    expect(redactedMysqlUrl('mysql://baton@db/baton')).toBe('mysql://baton@db/baton');
    expect(redactedMysqlUrl('not a url')).not.toContain('not a url');
  });
});
