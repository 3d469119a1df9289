import type { BenchCluster } from './support/bench-cluster.js';
import { until } from './support/bench-cluster.js';
import { quantile } from './support/stats.js';

export interface GroupHandoffRound {
  p50: number;
  p99: number;
  samples: number;
}

/**
 * Task-group slot hand-off latency, beside the serial one (handoff.ts): from a grouped task's
 * terminal commit to the next grouped task RUNNING, through a group of size 1. A blocker task
 * holds the slot while `queued` instances (one grouped task each, started in order, so their
 * admission order is the chain's) wait in WAITING_GROUP; then it is stopped and every hand-off
 * along the chain is a sample, read from the state-change history.
 */
export async function measureGroupHandoff(
  bench: BenchCluster,
  name: string,
  queued: number,
): Promise<GroupHandoffRound> {
  const { api, db } = bench;
  const group = `${name}-pool`;
  // The bench's token is an operator's; creating a group is an admin's call: set it up in MySQL.
  const now = new Date();
  await db
    .insertInto('task_groups')
    .values({ name: group, size: 1, created_at: now, updated_at: now })
    .execute();
  await api.ApplyWorkflow({
    yaml: `name: ${name}\nparams: { seconds: "0" }\ntasks:\n  - { name: a, type: SHELL, command: "sleep \${seconds}", taskGroup: ${group} }\n`,
  });
  const blocker = await api.StartInstance({ workflow: name, params: { seconds: '3600' } });
  await until(
    async () => (await api.GetInstance({ id: blocker.id })).tasks[0]?.state === 'RUNNING',
    30_000,
    'the blocker',
  );
  const ids: string[] = [];
  for (let i = 0; i < queued; i += 1) ids.push((await api.StartInstance({ workflow: name })).id);
  await until(
    async () =>
      (
        await db
          .selectFrom('task_instances')
          .select('id')
          .where('instance_id', 'in', ids)
          .where('state', '=', 'WAITING_GROUP')
          .execute()
      ).length === queued,
    60_000,
    'the group queue',
  );
  await api.StopInstance({ id: blocker.id });
  const last = ids.at(-1)!;
  await until(
    async () => (await api.GetInstance({ id: last })).state === 'SUCCESS',
    600_000,
    'the chain',
  );
  const chain = [blocker.id, ...ids];
  const rows = await db
    .selectFrom('state_changes')
    .select(['instance_id', 'to_state', 'at'])
    .where('instance_id', 'in', chain)
    .where('task', 'is not', null)
    .where('to_state', 'in', ['RUNNING', 'SUCCESS', 'KILL', 'FAILURE'])
    .execute();
  const ended = new Map<string, number>();
  const running = new Map<string, number>();
  for (const r of rows) {
    const at = r.at.getTime();
    if (r.to_state === 'RUNNING')
      running.set(r.instance_id, Math.min(at, running.get(r.instance_id) ?? Infinity));
    else ended.set(r.instance_id, at);
  }
  const samples: number[] = [];
  for (let i = 1; i < chain.length; i += 1) {
    const end = ended.get(chain[i - 1]!);
    const run = running.get(chain[i]!);
    if (end !== undefined && run !== undefined) samples.push(run - end);
  }
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), samples: samples.length };
}
