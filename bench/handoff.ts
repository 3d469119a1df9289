import { sql } from 'kysely';
import type { Db } from '../shared/db/connect.js';
import { EtcdKeys } from '../shared/etcd/keys.js';
import { SerialKeys, shardOf, DEFAULT_SERIAL_SHARDS } from '../shared/serial/serial-keys.js';
import type { BenchCluster } from './support/bench-cluster.js';
import { until } from './support/bench-cluster.js';
import { quantile } from './support/stats.js';
import { commitInBatches } from './support/etcd-batches.js';

export interface HandoffRound {
  p50: number;
  p99: number;
  /** To the moment the worker started B's task (before the master recorded RUNNING). */
  spawnP50: number;
  samples: number;
}

const TERMINAL = ['SUCCESS', 'FAILURE', 'STOP'];
const BACKLOG_HOLDER = 'bench-backlog';

/**
 * Serial hand-off latency: from A's terminal commit to B's first task RUNNING, for a chain of
 * `queued` instances of one SERIAL_WAIT definition (each runs `sleep 0`). A blocker holds the
 * slot while the queue fills, then is stopped; every hand-off along the chain is a sample, read
 * from the state-change history (both ends are recorded by masters on this machine's clock).
 * With `backlog`, that many more instances wait behind the measured ones: the depth test.
 */
export async function measureHandoff(
  bench: BenchCluster,
  workflow: string,
  queued: number,
  backlog = 0,
): Promise<HandoffRound> {
  const { api } = bench;
  await api.ApplyWorkflow({
    yaml: `name: ${workflow}\nexecutionType: SERIAL_WAIT\nparams: { seconds: "0" }\ntasks:\n  - { name: a, type: SHELL, command: "sleep \${seconds}" }\n`,
  });
  const blocker = await api.StartInstance({ workflow, params: { seconds: '3600' } });
  await until(
    async () => (await api.GetInstance({ id: blocker.id })).tasks[0]?.state === 'RUNNING',
    30_000,
    'the blocker',
  );
  const ids: string[] = [];
  for (let i = 0; i < queued; i += 1) ids.push((await api.StartInstance({ workflow })).id);
  await until(
    async () => Number((await api.GetSerialState({ workflow })).waiting_count) === queued,
    60_000,
    'the queue',
  );
  if (backlog > 0) await addBacklog(bench, workflow, backlog);
  await api.StopInstance({ id: blocker.id });
  const last = ids.at(-1)!;
  await until(
    async () => TERMINAL.includes((await api.GetInstance({ id: last })).state),
    600_000,
    'the chain',
  );
  const samples = await handoffLatencies(bench.db, [blocker.id, ...ids]);
  const toSpawn = await spawnLatencies(bench.db, [blocker.id, ...ids]);
  if (process.env.BENCH_BREAKDOWN === '1') await printBreakdown(bench.db, [blocker.id, ...ids]);
  if (backlog > 0) await removeBacklog(bench, workflow, last);
  return {
    p50: quantile(samples, 0.5),
    p99: quantile(samples, 0.99),
    spawnP50: quantile(toSpawn, 0.5),
    samples: samples.length,
  };
}

async function handoffLatencies(db: Db, chain: string[]): Promise<number[]> {
  const rows = await db
    .selectFrom('state_changes')
    .select(['instance_id', 'task', 'to_state', 'at'])
    .where('instance_id', 'in', chain)
    .where((eb) =>
      eb.or([
        eb.and([eb('task', 'is', null), eb('to_state', 'in', TERMINAL)]),
        eb.and([eb('task', 'is not', null), eb('to_state', '=', 'RUNNING')]),
      ]),
    )
    .execute();
  const ended = new Map<string, number>();
  const firstRunning = new Map<string, number>();
  for (const row of rows) {
    const at = row.at.getTime();
    if (row.task === null) ended.set(row.instance_id, at);
    else
      firstRunning.set(
        row.instance_id,
        Math.min(at, firstRunning.get(row.instance_id) ?? Infinity),
      );
  }
  const samples: number[] = [];
  for (let i = 1; i < chain.length; i += 1) {
    const end = ended.get(chain[i - 1]!);
    const run = firstRunning.get(chain[i]!);
    if (end !== undefined && run !== undefined) samples.push(run - end);
  }
  return samples;
}

async function spawnLatencies(db: Db, chain: string[]): Promise<number[]> {
  const ends = await db
    .selectFrom('workflow_instances')
    .select(['id', 'ended_at'])
    .where('id', 'in', chain)
    .execute();
  const starts = await db
    .selectFrom('task_instances')
    .select(['instance_id', 'started_at'])
    .where('instance_id', 'in', chain)
    .execute();
  const ended = new Map(ends.map((r) => [r.id, r.ended_at?.getTime()]));
  const started = new Map(starts.map((r) => [r.instance_id, r.started_at?.getTime()]));
  const samples: number[] = [];
  for (let i = 1; i < chain.length; i += 1) {
    const end = ended.get(chain[i - 1]!);
    const start = started.get(chain[i]!);
    if (end !== undefined && start !== undefined) samples.push(start - end);
  }
  return samples;
}

/**
 * `count` waiting instances behind the measured ones, written straight into etcd and MySQL
 * (starting 100,000 through the api would take minutes and measure the api, not the queue).
 * Each is owned, as a real backlog is: an owner key whose holder is no master, so no reconciler
 * adopts them. Keys and queue entries go first and rows last, with ids chosen up front: a row
 * naming a master without an owner key would be re-adopted by that master's full scan. They
 * are removed after the round.
 */
async function addBacklog(bench: BenchCluster, workflow: string, count: number): Promise<void> {
  const now = new Date();
  const { max } = await bench.db
    .selectFrom('workflow_instances')
    .select((eb) => eb.fn.max<string>('id').as('max'))
    .executeTakeFirstOrThrow();
  const first = Number(max) + 1;
  const ids = Array.from({ length: count }, (_, i) => String(first + i));
  const { etcd } = bench.cluster;
  const keys = new SerialKeys(bench.cluster.options.etcdPrefix);
  const owners = new EtcdKeys(bench.cluster.options.etcdPrefix);
  const shard = shardOf(workflow, DEFAULT_SERIAL_SHARDS);
  // Two keys per id, in transactions of 128 operations (etcd's default --max-txn-ops).
  const puts = ids.flatMap((id) => [
    etcd.put(owners.owner(id)).value(BACKLOG_HOLDER),
    etcd.put(keys.queueEntry(shard, workflow, id)).value(
      JSON.stringify({
        instanceId: id,
        owner: BACKLOG_HOLDER,
        epoch: '1',
        queuedAt: now.toISOString(),
        executionType: 'SERIAL_WAIT',
      }),
    ),
  ]);
  await commitInBatches(etcd, `${keys.prefix}bench/none`, puts);
  for (let done = 0; done < count; done += 1_000) {
    const rows = ids.slice(done, done + 1_000).map((id) => ({
      id,
      workflow,
      version: 1,
      execution_type: 'SERIAL_WAIT',
      state: 'SERIAL_WAIT',
      params: '{}',
      owner: BACKLOG_HOLDER,
      owner_epoch: '1',
      change_actor: 'bench',
      created_at: now,
      updated_at: now,
    }));
    await bench.db.insertInto('workflow_instances').values(rows).execute();
  }
}

/**
 * Removes the backlog: its rows first (a row naming no live master without an owner key would
 * be adopted by a master's full scan), then its owner keys and queue entries in batched,
 * retried transactions, then what is left of the definition (its slot, a few entries). One
 * delete of the whole definition prefix (100,000 keys in one raft entry) stalled etcd's apply
 * loop, and the bench died on `too many requests` (issue 12).
 */
async function removeBacklog(bench: BenchCluster, workflow: string, after: string): Promise<void> {
  const keys = new SerialKeys(bench.cluster.options.etcdPrefix);
  const owners = new EtcdKeys(bench.cluster.options.etcdPrefix);
  const { etcd } = bench.cluster;
  const shard = shardOf(workflow, DEFAULT_SERIAL_SHARDS);
  const backlog = await bench.db
    .selectFrom('workflow_instances')
    .select('id')
    .where('workflow', '=', workflow)
    .where(sql<boolean>`id > ${after}`)
    .execute();
  await bench.db
    .deleteFrom('workflow_instances')
    .where('workflow', '=', workflow)
    .where(sql<boolean>`id > ${after}`)
    .execute();
  const deletes = backlog.flatMap(({ id }) => [
    etcd.delete().key(keys.queueEntry(shard, workflow, id)),
    etcd.delete().key(owners.owner(id)),
  ]);
  await commitInBatches(etcd, `${keys.prefix}bench/none`, deletes);
  await commitInBatches(etcd, `${keys.prefix}bench/none`, [
    etcd.delete().prefix(keys.definition(shard, workflow)),
  ]);
}

/** Medians of each step of the hand-off, for finding what bounds it (BENCH_BREAKDOWN=1). */
async function printBreakdown(db: Db, chain: string[]): Promise<void> {
  const rows = await db
    .selectFrom('state_changes')
    .select(['instance_id', 'task', 'to_state', 'at'])
    .where('instance_id', 'in', chain)
    .execute();
  const at = (id: string, task: boolean, state: string): number | undefined =>
    rows
      .find((r) => r.instance_id === id && (r.task !== null) === task && r.to_state === state)
      ?.at.getTime();
  const steps: Record<string, number[]> = {
    admitted: [],
    task_inserted: [],
    dispatched: [],
    task_running: [],
  };
  for (let i = 1; i < chain.length; i += 1) {
    const end = rows
      .find(
        (r) => r.instance_id === chain[i - 1] && r.task === null && TERMINAL.includes(r.to_state),
      )
      ?.at.getTime();
    const points = [
      end,
      at(chain[i]!, false, 'RUNNING'),
      at(chain[i]!, true, 'SUBMITTED'),
      at(chain[i]!, true, 'DISPATCHED'),
      at(chain[i]!, true, 'RUNNING'),
    ];
    Object.values(steps).forEach((list, k) => {
      const from = points[k];
      const to = points[k + 1];
      if (from !== undefined && to !== undefined) list.push(to - from);
    });
  }
  console.error(
    Object.entries(steps)
      .map(([k, v]) => `${k} ${quantile(v, 0.5)}ms`)
      .join(', '),
  );
}
