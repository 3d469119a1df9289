import { ROLE_SERVICES } from './support/health-check.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProto } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from './support/test-cluster.js';

/* Plain grpc-js clients for the two standard services, as grpcurl or an orchestrator uses them. */
type Callback<T> = (err: grpc.ServiceError | null, res?: T) => void;
interface HealthClient extends grpc.Client {
  Check(req: { service: string }, cb: Callback<{ status: string }>): void;
  Watch(req: { service: string }): grpc.ClientReadableStream<{ status: string }>;
}
interface ListServicesResponse {
  list_services_response?: { service: { name: string }[] };
}
interface ReflectionClient extends grpc.Client {
  ServerReflectionInfo(): grpc.ClientDuplexStream<
    { list_services: string },
    { list_services_response?: { service: { name: string }[] } }
  >;
}

const options = { keepCase: true, enums: String, defaults: true };
const reflectionProto = join(
  dirname(createRequire(import.meta.url).resolve('@grpc/reflection/package.json')),
  'build/proto/grpc/reflection/v1/reflection.proto',
);
const loaded = grpc.loadPackageDefinition(
  protoLoader.loadSync([healthProto, reflectionProto], options),
) as unknown as {
  grpc: {
    health: {
      v1: { Health: new (address: string, creds: grpc.ChannelCredentials) => HealthClient };
    };
    reflection: {
      v1: {
        ServerReflection: new (address: string, creds: grpc.ChannelCredentials) => ReflectionClient;
      };
    };
  };
};

function check(client: HealthClient, service: string): Promise<string> {
  return new Promise((resolve, reject) =>
    client.Check({ service }, (err, res) => (err ? reject(err) : resolve(res!.status))),
  );
}

function listServices(client: ReflectionClient): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const call = client.ServerReflectionInfo();
    call.on('data', (res: ListServicesResponse) => {
      const services = res.list_services_response?.service ?? [];
      resolve(services.map((entry) => entry.name));
      call.end();
    });
    call.on('error', reject);
    call.write({ list_services: '' });
  });
}

describe('standard gRPC health checking and server reflection in every service', () => {
  let t: TestCluster;
  const clients: grpc.Client[] = [];
  const connect = <C extends grpc.Client>(
    Client: new (a: string, c: grpc.ChannelCredentials) => C,
    address: string,
  ): C => {
    // Any certificate of the cluster's CA reaches the standard services (here role client).
    const client = new Client(address, t.cluster.operatorCredentials());
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await startTestCluster('health', { layout: { masters: 2, workers: 1, coordinators: 1 } });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t?.dispose();
  });

  it.each(ROLE_SERVICES)('%s reports SERVING and describes its services', async (role, service) => {
    const address = t.cluster.ofRole(role)[0]!.address;
    const health = connect(loaded.grpc.health.v1.Health, address);
    expect(await check(health, '')).toBe('SERVING');
    expect(await check(health, service)).toBe('SERVING');
    const names = await listServices(connect(loaded.grpc.reflection.v1.ServerReflection, address));
    // The api also serves token management (BatonAdmin) on the same port.
    const served = role === 'api' ? [service, 'baton.v1.BatonAdmin'] : [service];
    expect(names.sort()).toEqual([...served, 'grpc.health.v1.Health'].sort());
  });

  it('a master turns NOT_SERVING when its lease is lost, and SERVING again once it rejoined', async () => {
    const master = t.cluster.get('master-2');
    const health = connect(loaded.grpc.health.v1.Health, master.address);
    const seen: string[] = [];
    const watch = health.Watch({ service: '' });
    watch.on('data', (res: { status: string }) => seen.push(res.status));
    watch.on('error', () => undefined);
    await expect.poll(() => seen).toEqual(['SERVING']);
    process.kill(master.pid, 'SIGSTOP');
    // Paused past its lease: etcd drops its member key.
    await expect
      .poll(
        () =>
          t.cluster.etcd
            .get(`${t.cluster.options.etcdPrefix}members/master/${master.name}`)
            .exists(),
        { timeout: 15_000 },
      )
      .toBe(false);
    process.kill(master.pid, 'SIGCONT');
    await expect
      .poll(() => seen, { timeout: 30_000 })
      .toEqual(['SERVING', 'NOT_SERVING', 'SERVING']);
    watch.cancel();
  });
});
