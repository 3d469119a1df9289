/**
 * The cluster's private certificate authority: one self-signed CA whose certificate every
 * member trusts and whose key signs every member's certificate. Generated on first start and
 * kept afterwards (a new CA would orphan every certificate already handed out).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  ensureKeyDirectory,
  exists,
  generateKeyPair,
  SIGNING_ALGORITHM,
  writeKeyAndCertificate,
  x509,
} from './pem-files.js';

const CA_VALIDITY_YEARS = 10;
export const CA_NAME = 'CN=Baton cluster CA, O=Baton';

export interface CertificateAuthorityFiles {
  /** `<dir>/ca.pem`: what every member and api client trusts. */
  certFile: string;
  /** `<dir>/ca-key.pem` (mode 0600): signs member certificates; never leaves the init step. */
  keyFile: string;
  /** False when both files existed already and were kept. */
  created: boolean;
}

export function caPaths(dir: string): { certFile: string; keyFile: string } {
  return { certFile: join(dir, 'ca.pem'), keyFile: join(dir, 'ca-key.pem') };
}

/**
 * Creates the CA in `dir` (mode 0700) unless `ca.pem` and `ca-key.pem` exist, which are kept.
 * @throws Error when only one of the two exists (a half-written CA must be looked at by hand)
 */
export async function ensureCertificateAuthority(dir: string): Promise<CertificateAuthorityFiles> {
  await ensureKeyDirectory(dir);
  const { certFile, keyFile } = caPaths(dir);
  const [hasCert, hasKey] = await Promise.all([exists(certFile), exists(keyFile)]);
  if (hasCert && hasKey) return { certFile, keyFile, created: false };
  if (hasCert !== hasKey) {
    throw new Error(
      `${hasCert ? keyFile : certFile} is missing but ${hasCert ? certFile : keyFile} exists: ` +
        'remove the other one to create a new CA (and new member certificates)',
    );
  }
  const keys = await generateKeyPair();
  const notBefore = backdated();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: CA_NAME,
    notBefore,
    notAfter: yearsAfter(notBefore, CA_VALIDITY_YEARS),
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  await writeKeyAndCertificate(keyFile, certFile, keys, certificate);
  return { certFile, keyFile, created: true };
}

/** A positive random 128-bit serial (the leading 0 nibble keeps it positive in DER). */
export function serialNumber(): string {
  return `0${randomBytes(16).toString('hex').slice(1)}`;
}

/** A minute ago: a peer whose clock is slightly behind still accepts a fresh certificate. */
export function backdated(): Date {
  return new Date(Date.now() - 60_000);
}

export function yearsAfter(date: Date, years: number): Date {
  const end = new Date(date);
  end.setUTCFullYear(end.getUTCFullYear() + years);
  return end;
}
