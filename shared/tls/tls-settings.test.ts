import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { tlsFilesFrom } from './tls-settings.js';

describe('TLS_CA_FILE, TLS_CERT_FILE and TLS_KEY_FILE', () => {
  const all = { TLS_CA_FILE: '/c/ca.pem', TLS_CERT_FILE: '/c/m.pem', TLS_KEY_FILE: '/c/m-key.pem' };

  it('turn TLS on together and leave it off together', () => {
    expect(tlsFilesFrom(all)).toEqual({
      caFile: '/c/ca.pem',
      certFile: '/c/m.pem',
      keyFile: '/c/m-key.pem',
    });
    expect(tlsFilesFrom({})).toBeUndefined();
  });

  it.each([
    ['TLS_KEY_FILE', { TLS_CA_FILE: all.TLS_CA_FILE, TLS_CERT_FILE: all.TLS_CERT_FILE }],
    ['TLS_CERT_FILE', { TLS_CA_FILE: all.TLS_CA_FILE, TLS_KEY_FILE: all.TLS_KEY_FILE }],
    ['TLS_CA_FILE', { TLS_CERT_FILE: all.TLS_CERT_FILE, TLS_KEY_FILE: all.TLS_KEY_FILE }],
    ['TLS_CERT_FILE', { TLS_CA_FILE: all.TLS_CA_FILE }],
  ])('refuse a partial set, naming the missing %s', (missing, env) => {
    let thrown: unknown;
    try {
      tlsFilesFrom(env);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(InvalidArgumentError);
    expect((thrown as InvalidArgumentError).field).toBe(missing);
  });
});
