/**
 * How a service reaches etcd: ETCD_ENDPOINTS plus optional password auth (ETCD_USERNAME with
 * ETCD_PASSWORD_FILE) and client TLS (ETCD_CA_FILE, ETCD_CERT_FILE, ETCD_KEY_FILE). Files are
 * read once, here, so a wrong path fails the start naming the variable.
 */
import { InvalidArgumentError } from '../errors.js';
import { readSecretFile, readSettingFile } from './secret-file.js';

export interface EtcdEnv {
  ETCD_ENDPOINTS: string[];
  ETCD_USERNAME?: string | undefined;
  ETCD_PASSWORD_FILE?: string | undefined;
  ETCD_CA_FILE?: string | undefined;
  ETCD_CERT_FILE?: string | undefined;
  ETCD_KEY_FILE?: string | undefined;
}

/** What `connectEtcd` needs; the shapes are etcd3's `auth` and `credentials` options. */
export interface EtcdClientSettings {
  /** Each with its scheme: `https://` exactly when TLS is on. */
  endpoints: string[];
  auth?: { username: string; password: string };
  /** Client TLS with a private CA; https endpoints without it use the system's roots. */
  credentials?: { rootCertificate: Buffer; privateKey?: Buffer; certChain?: Buffer };
  /** True when the endpoints are https (with or without `credentials`). */
  tls: boolean;
}

/**
 * Builds the etcd client settings from the environment.
 *
 * TLS is on when any of the three files is set or an endpoint says `https://`. etcd3 uses one
 * channel credential for every host (it strips the scheme and only looks for `https` when it
 * was given no credentials), so a mix of http and https endpoints, or http endpoints with
 * certificate files, is refused here rather than silently dialled with the wrong protocol.
 * Endpoints without a scheme get the one TLS implies.
 *
 * @throws InvalidArgumentError naming the variable at fault: ETCD_USERNAME without
 *   ETCD_PASSWORD_FILE or the reverse, ETCD_CERT_FILE without ETCD_KEY_FILE or the reverse,
 *   mixed or contradicting schemes, an unreadable file
 */
export function etcdClientSettings(env: EtcdEnv): EtcdClientSettings {
  const files = Boolean(env.ETCD_CA_FILE ?? env.ETCD_CERT_FILE ?? env.ETCD_KEY_FILE);
  const schemes = new Set(env.ETCD_ENDPOINTS.map(schemeOf).filter((s) => s !== undefined));
  if (schemes.size > 1) {
    throw new InvalidArgumentError('ETCD_ENDPOINTS', 'mixes http:// and https:// endpoints');
  }
  if (files && schemes.has('http')) {
    throw new InvalidArgumentError(
      'ETCD_ENDPOINTS',
      'uses http:// but ETCD_CA_FILE, ETCD_CERT_FILE or ETCD_KEY_FILE is set: use https://',
    );
  }
  const tls = files || schemes.has('https');
  const scheme = tls ? 'https' : 'http';
  const settings: EtcdClientSettings = {
    endpoints: env.ETCD_ENDPOINTS.map((e) => (schemeOf(e) === undefined ? `${scheme}://${e}` : e)),
    tls,
  };
  const auth = etcdAuth(env);
  if (auth !== undefined) settings.auth = auth;
  if (files) settings.credentials = etcdCredentials(env);
  return settings;
}

function etcdAuth(env: EtcdEnv): EtcdClientSettings['auth'] {
  const { ETCD_USERNAME: username, ETCD_PASSWORD_FILE: passwordFile } = env;
  if (username === undefined && passwordFile === undefined) return undefined;
  if (username === undefined) {
    throw new InvalidArgumentError('ETCD_USERNAME', 'required when ETCD_PASSWORD_FILE is set');
  }
  if (passwordFile === undefined) {
    throw new InvalidArgumentError('ETCD_PASSWORD_FILE', 'required when ETCD_USERNAME is set');
  }
  return { username, password: readSecretFile('ETCD_PASSWORD_FILE', passwordFile) };
}

function etcdCredentials(env: EtcdEnv): NonNullable<EtcdClientSettings['credentials']> {
  const { ETCD_CA_FILE: caFile, ETCD_CERT_FILE: certFile, ETCD_KEY_FILE: keyFile } = env;
  // etcd3 passes its `credentials` to grpc-js createSsl, whose "no CA: the system's roots"
  // etcd3's typing cannot express; a private CA is the case that matters, so it is required.
  if (caFile === undefined) {
    const set = certFile === undefined ? 'ETCD_KEY_FILE' : 'ETCD_CERT_FILE';
    throw new InvalidArgumentError('ETCD_CA_FILE', `required when ${set} is set`);
  }
  if ((certFile === undefined) !== (keyFile === undefined)) {
    const [missing, set] =
      certFile === undefined
        ? ['ETCD_CERT_FILE', 'ETCD_KEY_FILE']
        : ['ETCD_KEY_FILE', 'ETCD_CERT_FILE'];
    throw new InvalidArgumentError(missing, `required when ${set} is set`);
  }
  const credentials: NonNullable<EtcdClientSettings['credentials']> = {
    rootCertificate: readSettingFile('ETCD_CA_FILE', caFile),
  };
  if (certFile !== undefined && keyFile !== undefined) {
    credentials.certChain = readSettingFile('ETCD_CERT_FILE', certFile);
    credentials.privateKey = readSettingFile('ETCD_KEY_FILE', keyFile);
  }
  return credentials;
}

function schemeOf(endpoint: string): 'http' | 'https' | undefined {
  const match = /^(https?):\/\//i.exec(endpoint);
  return match === null ? undefined : (match[1]!.toLowerCase() as 'http' | 'https');
}
