import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { ensureCertificateAuthority } from './certificate-authority.js';
import { ensureMemberCertificate } from './member-certificate.js';

const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'baton-certs-')), 'certs');
const mode = (path: string): number => statSync(path).mode & 0o777;

describe('the private CA and member certificates', () => {
  it('makes a CA, and a member certificate it signed with the name, role and hosts', async () => {
    const dir = fresh();
    const ca = await ensureCertificateAuthority(dir);
    const member = await ensureMemberCertificate(dir, {
      name: 'master-1',
      role: 'master',
      hosts: ['master-1.internal', '10.0.0.7'],
    });
    expect(ca.created && member.created).toBe(true);
    const caCert = new X509Certificate(readFileSync(ca.certFile));
    const cert = new X509Certificate(readFileSync(member.certFile));
    expect(caCert.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.subject.split('\n').sort()).toEqual(['CN=master-1', 'O=Baton', 'OU=master']);
    expect(cert.subjectAltName).toBe(
      'DNS:master-1, DNS:localhost, IP Address:127.0.0.1, DNS:master-1.internal, IP Address:10.0.0.7',
    );
    expect(cert.keyUsage?.sort()).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(cert.publicKey.asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
    expect(cert.checkHost('master-1')).toBe('master-1');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    const years = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / (365.25 * 86_400_000);
    expect(Math.round(years)).toBe(2);
  });

  it('writes keys 0600 and certificates 0644 in a 0700 directory', async () => {
    const dir = fresh();
    const ca = await ensureCertificateAuthority(dir);
    const member = await ensureMemberCertificate(dir, { name: 'worker-1', role: 'worker' });
    expect(mode(dir)).toBe(0o700);
    expect([mode(ca.keyFile), mode(member.keyFile)]).toEqual([0o600, 0o600]);
    expect([mode(ca.certFile), mode(member.certFile)]).toEqual([0o644, 0o644]);
    expect([ca.certFile, ca.keyFile, member.certFile, member.keyFile]).toEqual([
      join(dir, 'ca.pem'),
      join(dir, 'ca-key.pem'),
      join(dir, 'worker-1.pem'),
      join(dir, 'worker-1-key.pem'),
    ]);
  });

  it('keeps existing files on a second run', async () => {
    const dir = fresh();
    const ca = await ensureCertificateAuthority(dir);
    const member = await ensureMemberCertificate(dir, { name: 'api', role: 'api' });
    const before = [ca.certFile, ca.keyFile, member.certFile, member.keyFile].map((f) =>
      readFileSync(f, 'utf8'),
    );
    const again = await ensureCertificateAuthority(dir);
    const memberAgain = await ensureMemberCertificate(dir, { name: 'api', role: 'api' });
    expect(again.created || memberAgain.created).toBe(false);
    const after = [ca.certFile, ca.keyFile, member.certFile, member.keyFile].map((f) =>
      readFileSync(f, 'utf8'),
    );
    expect(after).toEqual(before);
  });

  it('refuses a member whose files are half there, a bad name, and a member without a CA', async () => {
    const dir = fresh();
    await expect(ensureMemberCertificate(dir, { name: 'm', role: 'master' })).rejects.toThrow();
    await ensureCertificateAuthority(dir);
    writeFileSync(join(dir, 'half.pem'), 'x');
    await expect(ensureMemberCertificate(dir, { name: 'half', role: 'master' })).rejects.toThrow(
      /half-key\.pem is missing/,
    );
    await expect(
      ensureMemberCertificate(dir, { name: '../evil', role: 'master' }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
