import type { Command } from 'commander';
import { service as healthService } from 'grpc-health-check';
import type { HealthDefinition } from 'grpc-health-check/build/src/generated/grpc/health/v1/Health.js';
import { DeadlineExceededError, NotFoundError, errorMessage } from '../../../shared/errors.js';
import { ChannelPool, makeServiceClient } from '../../../shared/grpc/client.js';
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
    .action((address: string, opts: { service?: string; timeout?: string }, command: Command) =>
      runCommand(command, async (ctx) => {
        const timeoutMs = positiveInt(opts.timeout, '--timeout') ?? HEALTH_TIMEOUT_MS;
        // The empty name is the standard's "the whole server".
        const service = opts.service ?? '';
        const target = service === '' ? address : `${service} at ${address}`;
        const status = await checkHealth(address, service, timeoutMs);
        if (ctx.json) ctx.printJson({ address, service, status });
        if (status !== 'SERVING') throw new CliError(`${target} is ${status}`);
        ctx.say(`${target}: SERVING`);
      }),
    );
}

/**
 * One Check call on a channel of its own, closed afterwards so the process can exit.
 * @throws CliError (exit 1) when no status came back
 */
async function checkHealth(address: string, service: string, timeoutMs: number): Promise<string> {
  const channels = new ChannelPool();
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
