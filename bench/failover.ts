import { sql } from 'kysely';
import type { BenchCluster } from './support/bench-cluster.js';
import { until } from './support/bench-cluster.js';

const IN_FLIGHT = 1_000;

/**
 * Failover time: from SIGKILL of the master that owns `IN_FLIGHT` running instances to every
 * one of them being owned (claim committed in MySQL) by the surviving master. The instances'
 * tasks wait for a worker group nobody serves, so they stay in flight without running.
 * Alternates the victim between two masters, one round per call.
 */
export async function measureFailover(
  bench: BenchCluster,
  round: number,
): Promise<{ failoverMs: number; adoptMs: number }> {
  const { api, db, cluster } = bench;
  const workflow = `inflight-${round}`;
  await api.ApplyWorkflow({
    yaml: `name: ${workflow}\ntasks:\n  - { name: a, type: SHELL, command: "true", workerGroup: nobody }\n`,
  });
  const masters = cluster.ofRole('master');
  const [victim, survivor] =
    round % 2 === 0 ? [masters[0]!, masters[1]!] : [masters[1]!, masters[0]!];
  // Only the victim may take them: the survivor joins after they are all owned.
  await survivor.stop();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < IN_FLIGHT) {
        next += 1;
        await api.StartInstance({ workflow });
      }
    }),
  );
  const owned = async (owner: string): Promise<number> => {
    const row = await db
      .selectFrom('workflow_instances')
      .select(sql<number>`COUNT(*)`.as('n'))
      .where('workflow', '=', workflow)
      .where('owner', '=', owner)
      .where('state', '=', 'RUNNING')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  await until(
    async () => (await owned(victim.name)) === IN_FLIGHT,
    120_000,
    'the victim to own every instance',
  );
  await cluster.restart(survivor.name);
  const killedAt = Date.now();
  process.kill(victim.pid, 'SIGKILL');
  let firstAt = 0;
  await until(
    async () => {
      const n = await owned(survivor.name);
      if (n > 0 && firstAt === 0) firstAt = Date.now();
      return n === IN_FLIGHT;
    },
    120_000,
    'the survivor to own every instance',
  );
  const doneAt = Date.now();
  await cluster.restart(victim.name);
  // Detection is the lease running out; adoption is claiming and resuming all of them.
  return { failoverMs: doneAt - killedAt, adoptMs: doneAt - firstAt };
}
