import type { Command } from 'commander';
import { errorMessage, InvalidArgumentError } from '../../../shared/errors.js';
import { ensureCertificateAuthority } from '../../../shared/tls/certificate-authority.js';
import {
  ensureMemberCertificate,
  type MemberSpec,
} from '../../../shared/tls/member-certificate.js';
import { isMemberRole, MEMBER_ROLES } from '../../../shared/tls/member-roles.js';
import { CliError } from '../cli-error.js';
import { runCommand } from '../run-command.js';

/**
 * `baton certs init --dir DIR --member NAME:ROLE[:HOST,HOST...] ...`: the cluster's private CA
 * and one certificate per member, for mutual TLS between services (TLS_CA_FILE, TLS_CERT_FILE,
 * TLS_KEY_FILE). Files that exist are kept, so an init container can run it on every start
 * ("generated on first start"). Writes `ca.pem`, `ca-key.pem`, `<name>.pem`, `<name>-key.pem`
 * (keys 0600, the directory 0700). Exit 1 on a malformed `--member` or an unwritable directory.
 */
export function registerCerts(program: Command): void {
  const certs = program
    .command('certs')
    .description('certificates for mutual TLS between cluster members');
  certs
    .command('init')
    .description('create the cluster CA and member certificates that do not exist yet')
    .requiredOption('--dir <dir>', 'where the CA and the certificates are (created 0700)')
    .option(
      '--member <name:role[:hosts]>',
      `a member: its name (CN), role (${MEMBER_ROLES.join('|')}) and more host names or IPs ` +
        'it is dialled by, comma-separated (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action((opts: { dir: string; member: string[] }, command: Command) =>
      runCommand(command, async (ctx) => {
        const members = opts.member.map(parseMember);
        const ca = await ensureCertificateAuthority(opts.dir).catch(fileError);
        const issued = [];
        for (const member of members) {
          const files = await ensureMemberCertificate(opts.dir, member).catch(fileError);
          issued.push({ ...member, ...files });
        }
        if (ctx.json) {
          ctx.printJson({ dir: opts.dir, ca, members: issued });
          return;
        }
        ctx.say(`${ca.created ? 'created' : 'kept'} CA ${ca.certFile}`);
        for (const m of issued) {
          ctx.say(`${m.created ? 'created' : 'kept'} ${m.role} ${m.name} ${m.certFile}`);
        }
      }),
    );
}

/** `master-1:master:master-1,10.0.0.7` → { name, role, hosts }. @throws CliError */
export function parseMember(spec: string): MemberSpec {
  // Hosts may be IPv6 addresses: only the first two colons separate fields.
  const [name = '', role = '', ...hostParts] = spec.split(':');
  const hosts = hostParts.join(':');
  if (name === '' || role === '') {
    throw new CliError(`--member ${spec}: expected NAME:ROLE[:HOST,HOST...]`);
  }
  if (!isMemberRole(role)) {
    throw new CliError(`--member ${spec}: role must be one of ${MEMBER_ROLES.join(', ')}`);
  }
  const extra = hosts
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  return { name, role, hosts: extra };
}

function fileError(err: unknown): never {
  if (err instanceof InvalidArgumentError) throw new CliError(err.message);
  throw new CliError(errorMessage(err));
}
