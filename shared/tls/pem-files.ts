/**
 * Writing and reading the PEM files of the private CA: keys are readable by their owner only,
 * and an existing file is never overwritten (certificates are generated on first start, and a
 * member keeps its key across restarts).
 */
// @peculiar/x509 resolves its ASN.1 handlers through tsyringe, which needs this polyfill loaded
// before it.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as x509 from '@peculiar/x509';

// @peculiar/x509 signs and generates keys with whatever WebCrypto it is given.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** ECDSA P-256 with SHA-256: small keys, fast handshakes, accepted by every TLS stack we use. */
export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** Creates `dir` (mode 0700: it holds private keys) if it does not exist. */
export async function ensureKeyDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** A fresh P-256 key pair, extractable so the private half can be written out. */
export async function generateKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

/**
 * Writes the private key (PKCS#8 PEM, mode 0600) and its certificate (PEM, mode 0644). The
 * `wx` flag refuses to replace a file someone else wrote in between.
 */
export async function writeKeyAndCertificate(
  keyFile: string,
  certFile: string,
  keys: webcrypto.CryptoKeyPair,
  certificate: x509.X509Certificate,
): Promise<void> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const keyPem = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
  await writeFile(keyFile, keyPem, { mode: 0o600, flag: 'wx' });
  // The mode given to writeFile is masked by the umask; a key must not stay group-readable.
  await chmod(keyFile, 0o600);
  await writeFile(certFile, certificate.toString('pem') + '\n', { mode: 0o644, flag: 'wx' });
}

/** Reads a PKCS#8 PEM private key for signing. */
export async function readSigningKey(keyFile: string): Promise<webcrypto.CryptoKey> {
  const der = x509.PemConverter.decodeFirst(await readFile(keyFile, 'utf8'));
  return webcrypto.subtle.importKey('pkcs8', der, KEY_ALGORITHM, false, ['sign']);
}

export async function readCertificate(certFile: string): Promise<x509.X509Certificate> {
  return new x509.X509Certificate(await readFile(certFile, 'utf8'));
}

export { x509 };
