import { sql } from 'kysely';
import type { BenchCluster } from './support/bench-cluster.js';
import type { CpuMeter } from './support/cpu-usage.js';

/** Instances in flight at most; enough to keep both masters and workers busy. */
const WINDOW = 300;
const STARTERS = 24;

export interface ThroughputRound {
  /** Instances that ended SUCCESS per second, over the measured window. */
  throughputWps: number;
  /** Instances started per second over the same window (the offered load that was taken). */
  startedPerS: number;
  /** Instances that ended otherwise than SUCCESS (must be 0). */
  failed: number;
  /** CPU milliseconds per finished instance, by process kind (what bounds the figure). */
  cpuMsPerInstance: Map<string, number>;
}

/**
 * Sustained end-to-end throughput: single-SHELL-task PARALLEL workflows started through the
 * api as fast as the cluster takes them, at most `WINDOW` in flight, for `seconds`. Counted
 * from MySQL (ended_at), not from Baton's answers, after `warmupSeconds` of the same load.
 */
export async function measureThroughput(
  bench: BenchCluster,
  label: string,
  seconds: number,
  cpu: CpuMeter,
  warmupSeconds = 5,
): Promise<ThroughputRound> {
  const { api, db } = bench;
  const workflow = `tp-${label}`;
  await api.ApplyWorkflow({
    yaml: `name: ${workflow}\ntasks:\n  - { name: t, type: SHELL, command: "true" }\n`,
  });
  let started = 0;
  let ended = 0;
  let stopping = false;
  const countEnded = async (): Promise<number> => {
    const row = await db
      .selectFrom('workflow_instances')
      .select(sql<number>`COUNT(*)`.as('n'))
      .where('workflow', '=', workflow)
      .where('ended_at', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const poller = (async () => {
    while (!stopping) {
      ended = await countEnded();
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const starters = Array.from({ length: STARTERS }, async () => {
    while (!stopping) {
      if (started - ended >= WINDOW) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      started += 1;
      await api.StartInstance({ workflow });
    }
  });
  await new Promise((r) => setTimeout(r, warmupSeconds * 1000));
  const from = new Date();
  const startedBefore = started;
  cpu.start();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpuUsed = cpu.stop((name) => name.replace(/-\d+$/, ''));
  const to = new Date();
  const startedDuring = started - startedBefore;
  stopping = true;
  await Promise.all([...starters, poller]);
  const row = await db
    .selectFrom('workflow_instances')
    .select([
      sql<number>`SUM(state = 'SUCCESS')`.as('ok'),
      sql<number>`SUM(state <> 'SUCCESS')`.as('bad'),
    ])
    .where('workflow', '=', workflow)
    .where('ended_at', '>=', from)
    .where('ended_at', '<', to)
    .executeTakeFirstOrThrow();
  const spanS = (to.getTime() - from.getTime()) / 1000;
  // Let the rest finish so the next round starts on an idle cluster.
  const deadline = Date.now() + 60_000;
  while ((await countEnded()) < started && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const finished = Math.max(1, Number(row.ok ?? 0) + Number(row.bad ?? 0));
  return {
    throughputWps: Number(row.ok ?? 0) / spanS,
    startedPerS: startedDuring / spanS,
    failed: Number(row.bad ?? 0),
    cpuMsPerInstance: new Map(
      [...cpuUsed].map(([group, s]) => [group, Math.round((s * 1000 * 100) / finished) / 100]),
    ),
  };
}
