import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectEtcd } from '../etcd/connect.js';
import { etcdClientSettings, type EtcdEnv } from './etcd-client-settings.js';

const dir = mkdtempSync(join(tmpdir(), 'baton-etcd-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

const tlsFiles = {
  ETCD_CA_FILE: file('ca.pem', 'CA'),
  ETCD_CERT_FILE: file('me.pem', 'CERT'),
  ETCD_KEY_FILE: file('me-key.pem', 'KEY'),
};

function settings(env: Partial<EtcdEnv>) {
  return etcdClientSettings({ ETCD_ENDPOINTS: ['e1:2379'], ...env });
}

describe('etcdClientSettings', () => {
  it('plaintext with neither auth nor TLS settings: http endpoints, no auth, no credentials', () => {
    expect(settings({ ETCD_ENDPOINTS: ['e1:2379', 'http://e2:2379'] })).toEqual({
      endpoints: ['http://e1:2379', 'http://e2:2379'],
      tls: false,
    });
  });

  it('password auth from ETCD_USERNAME and ETCD_PASSWORD_FILE (trailing newline dropped)', () => {
    const s = settings({ ETCD_USERNAME: 'baton', ETCD_PASSWORD_FILE: file('pw', 'hunter2\n') });
    expect(s.auth).toEqual({ username: 'baton', password: 'hunter2' });
  });

  it('refuses one of ETCD_USERNAME and ETCD_PASSWORD_FILE without the other', () => {
    expect(() => settings({ ETCD_USERNAME: 'baton' })).toThrow(/^ETCD_PASSWORD_FILE: required/);
    expect(() => settings({ ETCD_PASSWORD_FILE: file('pw2', 'x') })).toThrow(
      /^ETCD_USERNAME: required/,
    );
  });

  it('client TLS: https endpoints and the three files as etcd3 credentials', () => {
    const s = settings({ ...tlsFiles, ETCD_ENDPOINTS: ['e1:2379', 'https://e2:2379'] });
    expect(s.endpoints).toEqual(['https://e1:2379', 'https://e2:2379']);
    expect(s.tls).toBe(true);
    expect({
      rootCertificate: s.credentials?.rootCertificate.toString(),
      certChain: s.credentials?.certChain?.toString(),
      privateKey: s.credentials?.privateKey?.toString(),
    }).toEqual({ rootCertificate: 'CA', certChain: 'CERT', privateKey: 'KEY' });
  });

  it('a CA alone verifies the server without a client certificate', () => {
    const s = settings({ ETCD_CA_FILE: tlsFiles.ETCD_CA_FILE });
    expect(s.credentials).toEqual({ rootCertificate: Buffer.from('CA') });
  });

  it('https endpoints without files: TLS with the system roots (no credentials)', () => {
    const s = settings({ ETCD_ENDPOINTS: ['https://e1:2379'] });
    expect(s).toEqual({ endpoints: ['https://e1:2379'], tls: true });
  });

  it('refuses contradicting settings, naming the variable', () => {
    expect(() => settings({ ETCD_ENDPOINTS: ['http://a:1', 'https://b:1'] })).toThrow(
      /^ETCD_ENDPOINTS: mixes/,
    );
    expect(() => settings({ ...tlsFiles, ETCD_ENDPOINTS: ['http://a:1'] })).toThrow(
      /^ETCD_ENDPOINTS: uses http:\/\//,
    );
    const { ETCD_CA_FILE: ca, ETCD_CERT_FILE: cert } = tlsFiles;
    expect(() => settings({ ETCD_CA_FILE: ca, ETCD_CERT_FILE: cert })).toThrow(
      /^ETCD_KEY_FILE: required when ETCD_CERT_FILE/,
    );
    expect(() => settings({ ETCD_CERT_FILE: cert, ETCD_KEY_FILE: tlsFiles.ETCD_KEY_FILE })).toThrow(
      /^ETCD_CA_FILE: required/,
    );
    expect(() => settings({ ETCD_CA_FILE: join(dir, 'missing.pem') })).toThrow(
      /^ETCD_CA_FILE: cannot read .*missing\.pem \(ENOENT\)$/,
    );
  });

  it('connectEtcd takes the settings (the client connects lazily)', () => {
    const client = connectEtcd(
      settings({ ETCD_USERNAME: 'baton', ETCD_PASSWORD_FILE: file('pw3', 'x') }),
    );
    client.close();
  });
});
