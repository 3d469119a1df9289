/**
 * The authorizer of the internal services (master, worker, coordinator) under mutual TLS: the
 * transport has already verified the peer's certificate against the cluster CA; this decides,
 * by the certificate's OU (the member's role), whether that member may call the method.
 */
import type * as grpc from '@grpc/grpc-js';
import type { PeerCertificate } from 'node:tls';
import { PermissionDeniedError, UnauthenticatedError } from '../errors.js';
import type { Authorizer, Principal } from '../grpc/call-context.js';
import type { BindOptions } from '../grpc/server.js';
import type { PeerRules } from './peer-rules.js';

/**
 * Allows a call when the peer's certificate names a role `rules` lists for the method.
 * Rejects with UnauthenticatedError when there is no peer certificate, and with
 * PermissionDeniedError naming the method and the role otherwise.
 */
export function peerAuthorizer<D extends grpc.ServiceDefinition>(
  definition: D,
  rules: PeerRules<D>,
): Authorizer {
  const allowedByPath = new Map<string, readonly string[]>();
  for (const [name, method] of Object.entries(definition)) {
    allowedByPath.set(method.path, (rules as Record<string, readonly string[]>)[name] ?? []);
  }
  return (method, call) => {
    const peer = peerIdentity(call.peerCertificate);
    if (peer === undefined) {
      return Promise.reject(
        new UnauthenticatedError(`${method} takes calls from cluster members only`),
      );
    }
    const allowed = allowedByPath.get(method) ?? [];
    if (!allowed.includes(peer.role)) {
      return Promise.reject(
        new PermissionDeniedError(
          `${method} may not be called by a member of role ${peer.role} (${peer.name}); ` +
            `allowed: ${allowed.join(', ') || 'none'}`,
        ),
      );
    }
    return Promise.resolve(peer);
  };
}

/**
 * Bind options for an internal service: the peer authorizer under TLS; none without it (there
 * is no certificate to decide by, and the process warned at start that traffic is open).
 */
export function peerBindOptions<D extends grpc.ServiceDefinition>(
  tlsEnabled: boolean,
  definition: D,
  rules: PeerRules<D>,
): BindOptions {
  return tlsEnabled ? { authorize: peerAuthorizer(definition, rules) } : {};
}

/** The member a certificate names (CN, OU), or undefined when there is none. */
export function peerIdentity(certificate: PeerCertificate | undefined): Principal | undefined {
  const subject = certificate?.subject;
  const name = first(subject?.['CN']);
  const role = first(subject?.['OU']);
  if (name === undefined || role === undefined) return undefined;
  return { kind: 'peer', name, role };
}

function first(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined || one === '' ? undefined : one;
}
