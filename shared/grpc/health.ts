import type * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';

/** The full name of a service from its definition (`baton.v1.Master`). */
export function serviceNameOf(definition: grpc.ServiceDefinition): string {
  const path = Object.values(definition)[0]?.path ?? '';
  return path.split('/')[1] ?? '';
}

/**
 * The standard gRPC health service (grpc.health.v1.Health) for a process: the overall status
 * ('') and one per Baton service it serves. NOT_SERVING until registered, while draining and
 * while its lease is lost; orchestrators and `grpc-health-probe` read it.
 */
export class ServiceHealth {
  private readonly implementation: HealthImplementation;

  constructor(private readonly services: readonly string[]) {
    this.implementation = new HealthImplementation(
      Object.fromEntries(['', ...services].map((name) => [name, 'NOT_SERVING' as const])),
    );
  }

  addTo(server: grpc.Server): void {
    this.implementation.addToServer(server);
  }

  set(serving: boolean): void {
    for (const name of ['', ...this.services]) {
      this.implementation.setStatus(name, serving ? 'SERVING' : 'NOT_SERVING');
    }
  }
}
