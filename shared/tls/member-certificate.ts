/**
 * A cluster member's certificate, signed by the private CA: CN is the member's name, OU its
 * role (what the peer authorizers check), and the SANs every name peers dial it by, so
 * hostname verification stays on.
 */
import { isIP } from 'node:net';
import { join } from 'node:path';
import { InvalidArgumentError } from '../errors.js';
import { backdated, caPaths, serialNumber, yearsAfter } from './certificate-authority.js';
import { isMemberRole, MEMBER_ROLES, type MemberRole } from './member-roles.js';
import {
  exists,
  generateKeyPair,
  readCertificate,
  readSigningKey,
  SIGNING_ALGORITHM,
  writeKeyAndCertificate,
  x509,
} from './pem-files.js';

const MEMBER_VALIDITY_YEARS = 2;
/** Also a file name: no path separators, nothing a shell or a DN would misread. */
const MEMBER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const HOST_NAME = /^[A-Za-z0-9*]([A-Za-z0-9.-]{0,252})$/;

export interface MemberSpec {
  /** The member's name (CN), e.g. `master-1`; also names its files. */
  name: string;
  role: MemberRole;
  /** More names or IPs it is dialled by (DNS `<name>`, `localhost` and 127.0.0.1 are always in). */
  hosts?: readonly string[];
}

export interface MemberCertificateFiles {
  certFile: string;
  keyFile: string;
  /** False when both files existed already and were kept. */
  created: boolean;
}

export function memberPaths(dir: string, name: string): { certFile: string; keyFile: string } {
  return { certFile: join(dir, `${name}.pem`), keyFile: join(dir, `${name}-key.pem`) };
}

/**
 * Creates `<dir>/<name>.pem` and `<name>-key.pem` signed by the CA in `dir`, unless both exist
 * (then they are kept as they are, whatever `role` and `hosts` say now).
 * @throws InvalidArgumentError for a name, role or host that cannot be in a certificate
 * @throws Error when the CA is missing, or only one of the member's two files exists
 */
export async function ensureMemberCertificate(
  dir: string,
  spec: MemberSpec,
): Promise<MemberCertificateFiles> {
  checkSpec(spec);
  if (spec.name === 'ca') throw new InvalidArgumentError('name', '"ca" names the CA\'s own files');
  const { certFile, keyFile } = memberPaths(dir, spec.name);
  const [hasCert, hasKey] = await Promise.all([exists(certFile), exists(keyFile)]);
  if (hasCert && hasKey) return { certFile, keyFile, created: false };
  if (hasCert !== hasKey) {
    throw new Error(
      `${hasCert ? keyFile : certFile} is missing but ${hasCert ? certFile : keyFile} exists: ` +
        'remove the other one to issue a new certificate',
    );
  }
  const ca = caPaths(dir);
  const [caCert, caKey] = await Promise.all([
    readCertificate(ca.certFile),
    readSigningKey(ca.keyFile),
  ]);
  const keys = await generateKeyPair();
  const notBefore = backdated();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${spec.name}, OU=${spec.role}, O=Baton`,
    issuer: caCert.subject,
    notBefore,
    notAfter: minDate(yearsAfter(notBefore, MEMBER_VALIDITY_YEARS), caCert.notAfter),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(
        [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth],
        false,
      ),
      new x509.SubjectAlternativeNameExtension(subjectAltNames(spec)),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  await writeKeyAndCertificate(keyFile, certFile, keys, certificate);
  return { certFile, keyFile, created: true };
}

/** The SANs: the member's own name, localhost, 127.0.0.1, then the extra hosts, each once. */
export function subjectAltNames(spec: MemberSpec): { type: 'dns' | 'ip'; value: string }[] {
  const hosts = [spec.name, 'localhost', '127.0.0.1', ...(spec.hosts ?? [])];
  return [...new Set(hosts)].map((value) => ({ type: isIP(value) ? 'ip' : 'dns', value }));
}

function checkSpec(spec: MemberSpec): void {
  if (!MEMBER_NAME.test(spec.name)) {
    throw new InvalidArgumentError('name', `"${spec.name}" is not a valid member name`);
  }
  if (!isMemberRole(spec.role)) {
    throw new InvalidArgumentError('role', `expected one of ${MEMBER_ROLES.join(', ')}`);
  }
  for (const host of spec.hosts ?? []) {
    if (isIP(host) === 0 && !HOST_NAME.test(host)) {
      throw new InvalidArgumentError('hosts', `"${host}" is neither a host name nor an IP`);
    }
  }
}

function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
