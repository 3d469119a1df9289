import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { Command } from 'commander';
import { service as healthService } from 'grpc-health-check';
import type { HealthDefinition } from 'grpc-health-check/build/src/generated/grpc/health/v1/Health.js';
import { DeadlineExceededError, NotFoundError, errorMessage } from '../../../shared/errors.js';
import {
  ChannelPool,
  makeServiceClient,
  type ChannelSecurity,
} from '../../../shared/grpc/client.js';
import { channelCredentials, channelSecurity } from '../../../shared/tls/credentials.js';
import {
  readTlsMaterial,
  tlsFilesFrom,
  type TlsMaterial,
} from '../../../shared/tls/tls-settings.js';
import { CliError, isTransportError, transportReason } from '../cli-error.js';
import { positiveInt, runCommand } from '../run-command.js';

/** How long `baton health` waits for an answer unless `--timeout` says otherwise. */
export const HEALTH_TIMEOUT_MS = 5_000;

/**
 * `baton health ADDRESS [--service NAME] [--timeout MS]`: the standard gRPC health check
 * (`grpc.health.v1.Health/Check`) of one Baton process (api, master, coordinator or worker),
 * the probe compose healthchecks run inside each container.
 *
 * Exits 0 only when the process answers SERVING; otherwise 1, with one `error:` line: it is
 * NOT_SERVING (starting, draining, or its etcd lease is lost), it does not serve `--service`,
 * or it did not answer in time. Never 2 (the CLI's "api unreachable" elsewhere), because
 * Docker reserves exit code 2 in healthchecks. With `--json`, an answer is printed as
 * `{ address, service, status }` whatever the status.
 *
 * Under mutual TLS it presents a member certificate: `--cert`/`--key` (with `--ca`), else the
 * process's own TLS_CA_FILE, TLS_CERT_FILE and TLS_KEY_FILE (what a compose healthcheck has);
 * with only a CA (`--ca`, `$BATON_CA`) it checks a TLS api without a client certificate.
 */
export function registerHealth(program: Command): void {
  program
    .command('health')
    .description('check a Baton process with the standard gRPC health check; exit 0 iff SERVING')
    .argument('<address>', 'host:port of any Baton process (api, master, coordinator, worker)')
    .option(
      '--service <name>',
      'the service to ask about, e.g. baton.v1.Master (default: the whole process)',
    )
    .option('--timeout <ms>', `how long to wait for an answer (default ${HEALTH_TIMEOUT_MS})`)
    .option('--cert <file>', 'client certificate for mutual TLS (default: $TLS_CERT_FILE)')
    .option('--key <file>', 'its private key (default: $TLS_KEY_FILE)')
    .option(
      '--tls-name <name>',
      "the name the server's certificate must carry (default: the address's host)",
    )
    .action((address: string, opts: HealthOptions, command: Command) =>
      runCommand(command, async (ctx) => {
        const tls = healthTls({ ...opts, ca: command.optsWithGlobals<{ ca?: string }>().ca });
        const timeoutMs = positiveInt(opts.timeout, '--timeout') ?? HEALTH_TIMEOUT_MS;
        // The empty name is the standard's "the whole server".
        const service = opts.service ?? '';
        const target = service === '' ? address : `${service} at ${address}`;
        const status = await checkHealth(address, service, timeoutMs, tls);
        if (ctx.json) ctx.printJson({ address, service, status });
        if (status !== 'SERVING') throw new CliError(`${target} is ${status}`);
        ctx.say(`${target}: SERVING`);
      }),
    );
}

interface HealthOptions {
  service?: string;
  timeout?: string;
  cert?: string;
  key?: string;
  tlsName?: string;
}

interface HealthTls {
  credentials: grpc.ChannelCredentials | ChannelSecurity;
  options: grpc.ChannelOptions;
}

/**
 * The channel's credentials: flags first, then the TLS_* settings of the process environment
 * (`$BATON_CA` as a last CA); with a CA but no certificate, TLS without a client certificate
 * (an api); plaintext when nothing is set.
 * @throws CliError when a file cannot be read or a certificate comes without its key or CA
 */
function healthTls(opts: HealthOptions & { ca?: string }): HealthTls {
  const env = process.env;
  const ca = opts.ca ?? nonEmpty(env['TLS_CA_FILE']) ?? nonEmpty(env['BATON_CA']);
  const cert = opts.cert ?? nonEmpty(env['TLS_CERT_FILE']);
  const key = opts.key ?? nonEmpty(env['TLS_KEY_FILE']);
  const secure = (tls: TlsMaterial | Pick<TlsMaterial, 'ca'>): HealthTls =>
    opts.tlsName === undefined
      ? { credentials: channelSecurity(tls), options: {} }
      : {
          credentials: grpc.credentials.createSsl(
            tls.ca,
            tlsPart(tls, 'key'),
            tlsPart(tls, 'cert'),
          ),
          options: { 'grpc.ssl_target_name_override': opts.tlsName },
        };
  if (cert === undefined && key === undefined) {
    return ca === undefined
      ? { credentials: channelCredentials(undefined), options: {} }
      : secure({ ca: readCa(ca) });
  }
  try {
    const files = tlsFilesFrom({ TLS_CA_FILE: ca, TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
    return secure(readTlsMaterial(files!));
  } catch (err) {
    throw new CliError(`TLS settings (--ca, --cert, --key): ${errorMessage(err)}`);
  }
}

function tlsPart(tls: TlsMaterial | Pick<TlsMaterial, 'ca'>, part: 'key' | 'cert'): Buffer | null {
  return part in tls ? (tls as TlsMaterial)[part] : null;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read the CA certificate ${file}: ${errorMessage(err)}`);
  }
}

/**
 * One Check call on a channel of its own, closed afterwards so the process can exit.
 * @throws CliError (exit 1) when no status came back
 */
async function checkHealth(
  address: string,
  service: string,
  timeoutMs: number,
  tls: HealthTls,
): Promise<string> {
  const channels = new ChannelPool(tls.credentials, tls.options);
  // grpc-health-check loads health.proto with the same loader options as the generated types.
  const definition = healthService as unknown as HealthDefinition;
  const health = makeServiceClient({ Check: definition.Check }, channels.get(address));
  try {
    const { status } = await health.Check({ service }, { timeoutMs });
    return status;
  } catch (err) {
    throw checkError(err, address, service, timeoutMs);
  } finally {
    channels.close();
  }
}

function checkError(err: unknown, address: string, service: string, timeoutMs: number): CliError {
  // The standard health service answers NOT_FOUND for a service name it has no status for.
  if (err instanceof NotFoundError) return new CliError(`${address} does not serve ${service}`);
  if (err instanceof DeadlineExceededError) {
    return new CliError(`${address} did not answer the health check within ${timeoutMs} ms`);
  }
  if (isTransportError(err)) {
    return new CliError(`cannot reach ${address} (${transportReason(errorMessage(err))})`);
  }
  return new CliError(`health check of ${address} failed: ${errorMessage(err)}`);
}
