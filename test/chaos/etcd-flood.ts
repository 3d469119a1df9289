import { noop } from 'cockatiel';
import { Etcd3, GRPCResourceExhastedError } from 'etcd3';
import { parseArgs } from 'node:util';
import { isEtcdRecoverable } from '../../shared/etcd/etcd-faults.js';
import { withRetry } from '../../shared/retry.js';

/**
 * Drives an etcd into overload (`etcdserver: too many requests`) for a while, from a process of
 * its own so the load does not share an event loop with what it is testing. Many clients, each
 * with many puts of sizeable values in flight and no retries: etcd commits faster than it can
 * apply, and refuses requests once the gap passes 5,000 entries. Keys cycle over a small set
 * and the total is capped, so the database grows by at most puts × value size (default
 * 150,000 × 4 KiB ≈ 600 MB, below etcd's 2 GB default quota); the keys are deleted at the end.
 *
 * Prints one JSON line: { puts, tooManyRequests, otherErrors }.
 * Usage: node dist/test/chaos/etcd-flood.js --endpoint h:p --prefix /p/ --duration-ms 15000
 */
const { values } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    prefix: { type: 'string' },
    'duration-ms': { type: 'string', default: '15000' },
    clients: { type: 'string', default: '8' },
    'in-flight': { type: 'string', default: '256' },
    'value-bytes': { type: 'string', default: '4096' },
    'max-puts': { type: 'string', default: '150000' },
    keys: { type: 'string', default: '2000' },
  },
});

async function main(): Promise<void> {
  if (values.endpoint === undefined || values.prefix === undefined)
    throw new TypeError('--endpoint and --prefix are required');
  const prefix = `${values.prefix}flood/`;
  const until = Date.now() + Number(values['duration-ms']);
  const maxPuts = Number(values['max-puts']);
  const keyCount = Number(values.keys);
  const value = Buffer.alloc(Number(values['value-bytes']), 'x');
  const clients = Array.from(
    { length: Number(values.clients) },
    // No retries and no breaker: every refusal is counted, and none is softened by backoff.
    () =>
      new Etcd3({
        hosts: `http://${values.endpoint}`,
        grpcOptions: { 'grpc.use_local_subchannel_pool': 1 },
        faultHandling: { global: noop, host: () => noop },
      }),
  );
  const counts = { puts: 0, tooManyRequests: 0, otherErrors: 0 };
  let issued = 0;
  const lane = async (client: Etcd3): Promise<void> => {
    while (Date.now() < until && issued < maxPuts) {
      issued += 1;
      try {
        await client
          .put(`${prefix}${issued % keyCount}`)
          .value(value)
          .exec();
        counts.puts += 1;
      } catch (err) {
        if (err instanceof GRPCResourceExhastedError) counts.tooManyRequests += 1;
        else counts.otherErrors += 1;
      }
    }
  };
  const lanes = clients.flatMap((client) =>
    Array.from({ length: Number(values['in-flight']) }, () => lane(client)),
  );
  await Promise.all(lanes);
  process.stdout.write(`${JSON.stringify(counts)}\n`);
  // A small set of keys: one delete is cheap once etcd has caught up.
  await withRetry(() => clients[0]!.delete().prefix(prefix).exec(), {
    retries: 20,
    initialDelayMs: 250,
    maxDelayMs: 2_000,
    retryOn: isEtcdRecoverable,
  });
  for (const client of clients) client.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`etcd flood failed: ${String(err)}\n`);
  process.exit(1);
});
