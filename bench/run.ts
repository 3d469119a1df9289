/**
 * `npm run bench`: Baton's performance figures, each measured after a warm-up in several rounds
 * and reported as {median, min, max} in bench/results.json, beside what the machine allows
 * (etcd transaction, MySQL commit, process spawn) measured in the same run.
 *
 *   npm run bench                    every benchmark
 *   npm run bench -- --only handoff  some of them (baselines always run); BENCH_BREAKDOWN=1
 *                                    prints each hand-off step, BENCH_KEEP_DIR=1 keeps logs
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../services/cli/cluster/infra/repo-root.js';
import { measureBaselines, type BaselineRound } from './baselines.js';
import { measureFailover } from './failover.js';
import { measureGroupHandoff, type GroupHandoffRound } from './group-handoff.js';
import { measureHandoff, type HandoffRound } from './handoff.js';
import { measureMasterMemory } from './memory.js';
import { CpuMeter } from './support/cpu-usage.js';
import { measureThroughput, type ThroughputRound } from './throughput.js';
import { measureWatchLatency, type WatchRound } from './watch.js';
import { BenchInfra } from './support/bench-infra.js';
import { startBenchCluster } from './support/bench-cluster.js';
import { figure, type Figure } from './support/stats.js';

type Results = Record<string, Figure>;

const TARGETS: Record<string, string> = {
  handoff_p50_ms: '<= 10',
  handoff_p99_ms: '<= 50',
  handoff_deep_p99_ms: '<= 2 x handoff_p99_ms',
  group_handoff_p50_ms: '<= 10',
  group_handoff_p99_ms: '<= 50',
  failover_ms: '<= lease_ttl_ms + 1000',
  throughput_wps: '>= 300',
  master_rss_mb_10k: '< 512',
};

function collect<T extends object>(rounds: T[]): Results {
  const results: Results = {};
  for (const key of Object.keys(rounds[0] ?? {}) as (keyof T & string)[]) {
    results[key] = figure(rounds.map((r) => Number(r[key])));
  }
  return results;
}

async function baselines(infra: BenchInfra): Promise<Results> {
  await measureBaselines(infra); // warm-up
  const rounds: BaselineRound[] = [];
  for (let i = 0; i < 3; i += 1) rounds.push(await measureBaselines(infra));
  return collect(rounds);
}

async function handoff(infra: BenchInfra): Promise<Results> {
  const bench = await startBenchCluster(infra, 'handoff', {
    masters: 2,
    coordinators: 1,
    workers: 2,
  });
  try {
    await measureHandoff(bench, 'warmup', 30);
    const shallow: HandoffRound[] = [];
    for (let i = 0; i < 3; i += 1) shallow.push(await measureHandoff(bench, `queue200-${i}`, 200));
    const grouped: GroupHandoffRound[] = [];
    await measureGroupHandoff(bench, 'group-warmup', 30);
    for (let i = 0; i < 3; i += 1)
      grouped.push(await measureGroupHandoff(bench, `group200-${i}`, 200));
    const deep: HandoffRound[] = [];
    for (let i = 0; i < 2; i += 1)
      deep.push(await measureHandoff(bench, `queue100k-${i}`, 200, 100_000));
    return {
      handoff_p50_ms: figure(shallow.map((r) => r.p50)),
      handoff_p99_ms: figure(shallow.map((r) => r.p99)),
      handoff_to_spawn_p50_ms: figure(shallow.map((r) => r.spawnP50)),
      handoff_deep_p50_ms: figure(deep.map((r) => r.p50)),
      handoff_deep_p99_ms: figure(deep.map((r) => r.p99)),
    };
  } finally {
    await bench.stop();
  }
}

/** Task-group slot hand-off beside the serial hand-off measured on the same cluster. */
async function groupHandoff(infra: BenchInfra): Promise<Results> {
  const bench = await startBenchCluster(infra, 'group-handoff', {
    masters: 2,
    coordinators: 1,
    workers: 2,
  });
  try {
    await measureHandoff(bench, 'serial-warmup', 30);
    await measureGroupHandoff(bench, 'group-warmup', 30);
    const serial: HandoffRound[] = [];
    const grouped: GroupHandoffRound[] = [];
    for (let i = 0; i < 3; i += 1) {
      serial.push(await measureHandoff(bench, `serial200-${i}`, 200));
      grouped.push(await measureGroupHandoff(bench, `group200-${i}`, 200));
    }
    return {
      group_handoff_p50_ms: figure(grouped.map((r) => r.p50)),
      group_handoff_p99_ms: figure(grouped.map((r) => r.p99)),
      group_handoff_serial_p50_ms: figure(serial.map((r) => r.p50)),
      group_handoff_serial_p99_ms: figure(serial.map((r) => r.p99)),
    };
  } finally {
    await bench.stop();
  }
}

async function failover(infra: BenchInfra): Promise<Results> {
  const bench = await startBenchCluster(infra, 'failover', {
    masters: 2,
    coordinators: 1,
    workers: 1,
  });
  try {
    const rounds: { failoverMs: number; adoptMs: number }[] = [];
    for (let i = 0; i < 3; i += 1) rounds.push(await measureFailover(bench, i));
    return {
      failover_ms: figure(rounds.map((r) => r.failoverMs)),
      failover_adopt_ms: figure(rounds.map((r) => r.adoptMs)),
      lease_ttl_ms: figure([bench.cluster.options.leaseTtlMs]),
    };
  } finally {
    await bench.stop();
  }
}

async function throughput(infra: BenchInfra): Promise<Results> {
  const bench = await startBenchCluster(infra, 'throughput', {
    masters: 2,
    coordinators: 1,
    workers: 2,
  });
  try {
    const pids = new Map<string, number>([
      ...[...bench.cluster.processes].map(([name, p]) => [name, p.pid] as const),
      ['etcd', infra.etcd.pid],
      ['mysql', infra.mariadb.pid],
      ['bench-client', process.pid],
    ]);
    const cpu = new CpuMeter(pids);
    await measureThroughput(bench, 'warmup', 10, cpu);
    const rounds: ThroughputRound[] = [];
    for (let i = 0; i < 3; i += 1) rounds.push(await measureThroughput(bench, `r${i}`, 60, cpu));
    const cpuFigures = Object.fromEntries(
      [...(rounds[0]?.cpuMsPerInstance.keys() ?? [])].map((group) => [
        `throughput_cpu_ms_${group.replace(/-/g, '_')}`,
        figure(rounds.map((r) => r.cpuMsPerInstance.get(group) ?? 0)),
      ]),
    );
    return {
      throughput_wps: figure(rounds.map((r) => r.throughputWps)),
      throughput_started_per_s: figure(rounds.map((r) => r.startedPerS)),
      throughput_failed: figure(rounds.map((r) => r.failed)),
      ...cpuFigures,
    };
  } finally {
    await bench.stop();
  }
}

/** One master, 10,000 instances in flight; a fresh cluster per round. */
async function memory(infra: BenchInfra): Promise<Results> {
  const rounds: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const bench = await startBenchCluster(infra, `memory-${i}`, {
      masters: 1,
      coordinators: 1,
      workers: 1,
    });
    try {
      rounds.push(await measureMasterMemory(bench, 10_000));
    } finally {
      await bench.stop();
    }
  }
  return { master_rss_mb_10k: figure(rounds) };
}

/** Commit of a state change → its event at a watching client (WatchInstances). */
async function watch(infra: BenchInfra): Promise<Results> {
  const bench = await startBenchCluster(infra, 'watch', {
    masters: 1,
    coordinators: 1,
    workers: 1,
  });
  try {
    await measureWatchLatency(bench, 'warmup', 20);
    const rounds: WatchRound[] = [];
    for (let i = 0; i < 3; i += 1) rounds.push(await measureWatchLatency(bench, `r${i}`, 100));
    return {
      watch_latency_p50_ms: figure(rounds.map((r) => r.p50)),
      watch_latency_p99_ms: figure(rounds.map((r) => r.p99)),
    };
  } finally {
    await bench.stop();
  }
}

const BENCHMARKS: Record<string, (infra: BenchInfra) => Promise<Results>> = {
  throughput,
  handoff,
  groupHandoff,
  failover,
  memory,
  watch,
};

async function main(): Promise<void> {
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',') : Object.keys(BENCHMARKS);
  const unknown = only.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) throw new Error(`unknown benchmark: ${unknown.join(', ')}`);
  const file = join(repoRoot(), 'bench', 'results.json');
  const results: Results = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Results)
    : {};
  const started = Date.now();
  const infra = await BenchInfra.start();
  try {
    Object.assign(results, await baselines(infra));
    for (const name of only) {
      console.error(`running ${name} ...`);
      Object.assign(results, await BENCHMARKS[name]!(infra));
    }
  } finally {
    await infra.stop();
  }
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `Baton benchmarks (${cpus().length} cores, Node ${process.version}, ${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  console.log(
    [
      'figure'.padEnd(24),
      'median'.padStart(10),
      'min'.padStart(10),
      'max'.padStart(10),
      '  target',
    ].join(''),
  );
  for (const [key, f] of Object.entries(results)) {
    console.log(
      [
        key.padEnd(24),
        String(f.median).padStart(10),
        String(f.min).padStart(10),
        String(f.max).padStart(10),
        `  ${TARGETS[key] ?? ''}`,
      ].join(''),
    );
  }
  const ratio = (a: string, b: string): string => {
    const x = results[a]?.median;
    const y = results[b]?.median;
    return x === undefined || y === undefined || y === 0 ? 'n/a' : (x / y).toFixed(2);
  };
  console.log('against what this machine allows, measured in the same run:');
  console.log(`  throughput_wps / spawn_per_s        ${ratio('throughput_wps', 'spawn_per_s')}`);
  console.log(`  throughput_wps / etcd_txn_per_s     ${ratio('throughput_wps', 'etcd_txn_per_s')}`);
  console.log(
    `  throughput_wps / mysql_commit_per_s ${ratio('throughput_wps', 'mysql_commit_per_s')}`,
  );
  console.log(
    `  handoff_deep_p99_ms / handoff_p99_ms ${ratio('handoff_deep_p99_ms', 'handoff_p99_ms')}`,
  );
  console.log(`  failover_ms / lease_ttl_ms           ${ratio('failover_ms', 'lease_ttl_ms')}`);
  console.log(`written to ${file}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
