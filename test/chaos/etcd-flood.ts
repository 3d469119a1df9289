import { noop } from 'cockatiel';
import { Etcd3 } from 'etcd3';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { isEtcdOverloaded, isEtcdRecoverable } from '../../shared/etcd/etcd-faults.js';
import { withRetry } from '../../shared/retry.js';

/**
 * Drives an etcd into overload (`etcdserver: too many requests`) for a while, from a process of
 * its own so the load does not share an event loop with what it is testing.
 *
 * etcd refuses a proposal when its committed index runs more than 5,000 entries ahead of its
 * applied index. Plain puts apply faster than this machine can commit them, so the flood sends
 * transactions whose apply is slow: each counts the keys of a populated prefix (a range the
 * apply loop walks) and writes one key (so the transaction goes through raft rather than the
 * read path). With more than 5,000 of them in flight the apply loop falls behind and etcd
 * answers `too many requests` to every proposal, Baton's included, until the flood ends.
 *
 * Prints one JSON line: { txns, tooManyRequests, otherErrors }.
 * Usage: node dist/test/chaos/etcd-flood.js --endpoint h:p --prefix /p/ --duration-ms 15000
 */
const { values } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    prefix: { type: 'string' },
    'duration-ms': { type: 'string', default: '15000' },
    'in-flight': { type: 'string', default: '6000' },
    'range-keys': { type: 'string', default: '2000' },
    'burst-ms': { type: 'string', default: '2500' },
    'pause-ms': { type: 'string', default: '1500' },
  },
});

const BATCH = 128;

function bytes(text: string): Buffer {
  return Buffer.from(text);
}

async function populate(client: Etcd3, prefix: string, count: number): Promise<void> {
  for (let first = 0; first < count; first += BATCH) {
    const ops = [];
    for (let i = first; i < Math.min(count, first + BATCH); i += 1)
      ops.push({ request_put: { key: bytes(`${prefix}${i}`), value: bytes('v') } });
    await client.kv.txn({ compare: [], success: ops, failure: [] });
  }
}

async function main(): Promise<void> {
  if (values.endpoint === undefined || values.prefix === undefined)
    throw new TypeError('--endpoint and --prefix are required');
  const prefix = `${values.prefix}flood/`;
  // No retries and no breaker: every refusal is counted, and none is softened by backoff.
  const client = new Etcd3({
    hosts: `http://${values.endpoint}`,
    faultHandling: { global: noop, host: () => noop },
  });
  const rangePrefix = `${prefix}range/`;
  await populate(client, rangePrefix, Number(values['range-keys']));
  const slowApply = {
    compare: [],
    success: [
      {
        request_range: {
          key: bytes(rangePrefix),
          range_end: bytes(`${rangePrefix.slice(0, -1)}0`),
          count_only: true,
        },
      },
      { request_put: { key: bytes(`${prefix}tick`), value: bytes('x') } },
    ],
    failure: [],
  };
  const counts = { txns: 0, tooManyRequests: 0, otherErrors: 0 };
  const startedAt = Date.now();
  const until = startedAt + Number(values['duration-ms']);
  const burstMs = Number(values['burst-ms']);
  const periodMs = burstMs + Number(values['pause-ms']);
  const lane = async (): Promise<void> => {
    while (Date.now() < until) {
      const intoPeriod = (Date.now() - startedAt) % periodMs;
      if (intoPeriod >= burstMs) {
        await delay(periodMs - intoPeriod);
        continue;
      }
      try {
        await client.kv.txn(slowApply);
        counts.txns += 1;
      } catch (err) {
        if (isEtcdOverloaded(err)) counts.tooManyRequests += 1;
        else counts.otherErrors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Number(values['in-flight']) }, lane));
  process.stdout.write(`${JSON.stringify(counts)}\n`);
  await withRetry(() => client.delete().prefix(prefix).exec(), {
    retries: 20,
    initialDelayMs: 250,
    maxDelayMs: 2_000,
    retryOn: isEtcdRecoverable,
  });
  client.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`etcd flood failed: ${String(err)}\n`);
  process.exit(1);
});
