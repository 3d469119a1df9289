import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { BenchCluster } from './support/bench-cluster.js';
import { until } from './support/bench-cluster.js';

const STARTERS = 32;

/** Resident set size of a process, from /proc (what the kernel charges it). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) / 1024;
}

/**
 * A master's memory with `count` instances in flight: each instance's one task waits for a
 * worker group nobody serves, so the master holds every instance (its DAG state, timers and
 * queue) without any task process running. Returns the highest RSS seen over a few seconds
 * once all are owned.
 */
export async function measureMasterMemory(bench: BenchCluster, count: number): Promise<number> {
  const { api, db, cluster } = bench;
  const workflow = 'parked';
  await api.ApplyWorkflow({
    yaml: `name: ${workflow}\ntasks:\n  - { name: a, type: SHELL, command: "true", workerGroup: nobody }\n`,
  });
  const master = cluster.ofRole('master')[0]!;
  let next = 0;
  await Promise.all(
    Array.from({ length: STARTERS }, async () => {
      while (next < count) {
        next += 1;
        await api.StartInstance({ workflow });
      }
    }),
  );
  await until(
    async () => {
      const row = await db
        .selectFrom('workflow_instances')
        .select(sql<number>`COUNT(*)`.as('n'))
        .where('owner', '=', master.name)
        .where('state', '=', 'RUNNING')
        .executeTakeFirstOrThrow();
      return Number(row.n) === count;
    },
    300_000,
    `the master to run ${count} instances`,
  );
  let peak = 0;
  for (let i = 0; i < 10; i += 1) {
    peak = Math.max(peak, rssMb(master.pid));
    await new Promise((r) => setTimeout(r, 500));
  }
  return peak;
}
