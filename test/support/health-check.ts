/**
 * The standard gRPC health check (grpc.health.v1.Health/Check) as an orchestrator calls it, and
 * a bounded wait for a service process to exit.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath } from 'grpc-health-check';
import type { ServiceProcess } from '../../services/cli/cluster/infra/service-launcher.js';

interface HealthClient extends grpc.Client {
  Check(
    req: { service: string },
    options: grpc.CallOptions,
    cb: (err: grpc.ServiceError | null, res?: { status: string }) => void,
  ): void;
}

const Health = (
  grpc.loadPackageDefinition(
    protoLoader.loadSync(protoPath, { keepCase: true, enums: String, defaults: true }),
  ) as unknown as {
    grpc: {
      health: { v1: { Health: new (a: string, c: grpc.ChannelCredentials) => HealthClient } };
    };
  }
).grpc.health.v1.Health;

export interface HealthProbe {
  /** The overall status ('SERVING', 'NOT_SERVING'), or 'UNREACHABLE' when the call fails. */
  check(): Promise<string>;
  close(): void;
}

/** `credentials`: the cluster's operator certificate under TLS (LocalCluster.operatorCredentials). */
export function healthProbe(address: string, credentials: grpc.ChannelCredentials): HealthProbe {
  const client = new Health(address, credentials);
  return {
    check: () =>
      new Promise((resolve) =>
        client.Check({ service: '' }, { deadline: Date.now() + 1_000 }, (err, res) =>
          resolve(err || res === undefined ? 'UNREACHABLE' : res.status),
        ),
      ),
    close: () => client.close(),
  };
}

/** How the process exited (`code 0`, `signal SIGKILL`), or `running` if it has not by `ms`. */
export async function exitWithin(process: ServiceProcess, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    process.waitForExit(),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve('running'), ms))),
  ]);
  clearTimeout(timer);
  return outcome;
}

/** Each role and the Baton service it serves, for tests that go through all four. */
export const ROLE_SERVICES = [
  ['api', 'baton.v1.BatonApi'],
  ['master', 'baton.v1.Master'],
  ['coordinator', 'baton.v1.Coordinator'],
  ['worker', 'baton.v1.Worker'],
] as const;
