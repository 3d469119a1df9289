/**
 * gRPC credentials from a member's TLS material. Internal servers require a client certificate
 * signed by the cluster CA (mutual TLS); the api's public server does not (api clients prove
 * who they are with bearer tokens). Clients always verify the server against the CA and its
 * host name.
 */
import { isIP } from 'node:net';
import { checkServerIdentity } from 'node:tls';
import * as grpc from '@grpc/grpc-js';
import type { ChannelSecurity } from '../grpc/client.js';
import type { TlsMaterial } from './tls-settings.js';

/** Sent as SNI when the dialled host is an IP; no Baton server looks at SNI. */
const IP_SNI_PLACEHOLDER = 'baton-member.invalid';

/**
 * Plaintext without `tls`; otherwise TLS with the member's certificate, and, when
 * `requireClientCertificate`, only for peers presenting a certificate the CA signed.
 */
export function serverCredentials(
  tls: TlsMaterial | undefined,
  requireClientCertificate: boolean,
): grpc.ServerCredentials {
  if (tls === undefined) return grpc.ServerCredentials.createInsecure();
  return grpc.ServerCredentials.createSsl(
    requireClientCertificate ? tls.ca : null,
    [{ cert_chain: tls.cert, private_key: tls.key }],
    requireClientCertificate,
  );
}

/** Plaintext without `tls`; otherwise TLS trusting the cluster CA, presenting our certificate. */
export function channelCredentials(tls: TlsMaterial | undefined): grpc.ChannelCredentials {
  if (tls === undefined) return grpc.credentials.createInsecure();
  return grpc.credentials.createSsl(tls.ca, tls.key, tls.cert);
}

/** What an api client uses: TLS trusting the cluster CA, no client certificate. */
export function caOnlyCredentials(ca: Buffer): grpc.ChannelCredentials {
  return grpc.credentials.createSsl(ca);
}

/**
 * For a ChannelPool: `channelCredentials(tls)` (or, with only `ca`, an api client's), made per
 * address so that dialling an IP (127.0.0.1 in a local cluster) checks the certificate against
 * that IP without grpc-js putting the IP into SNI, which Node warns about (DEP0123) on stderr,
 * where the CLI's output goes.
 */
export function channelSecurity(
  tls: TlsMaterial | Pick<TlsMaterial, 'ca'> | undefined,
): ChannelSecurity | grpc.ChannelCredentials {
  if (tls === undefined) return grpc.credentials.createInsecure();
  const key = 'key' in tls ? tls.key : null;
  const cert = 'cert' in tls ? tls.cert : null;
  return (address) => {
    const host = hostOf(address);
    if (isIP(host) === 0) return { credentials: grpc.credentials.createSsl(tls.ca, key, cert) };
    return {
      credentials: grpc.credentials.createSsl(tls.ca, key, cert, {
        checkServerIdentity: (_sni, certificate) => checkServerIdentity(host, certificate),
      }),
      options: { 'grpc.ssl_target_name_override': IP_SNI_PLACEHOLDER },
    };
  };
}

/** `127.0.0.1:50051` → `127.0.0.1`; `[::1]:50051` → `::1`; a name → the name. */
function hostOf(address: string): string {
  const target = address.replace(/^(dns|ipv4|ipv6):(\/\/\/?)?/, '');
  const bracketed = /^\[([^\]]+)\](:\d+)?$/.exec(target);
  if (bracketed?.[1] !== undefined) return bracketed[1];
  const colon = target.lastIndexOf(':');
  return colon > 0 && target.indexOf(':') === colon ? target.slice(0, colon) : target;
}
