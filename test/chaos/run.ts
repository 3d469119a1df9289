/**
 * `npm run chaos -- --duration 10m [--seed N]`: a Jepsen-style chaos run against a cluster of
 * real processes (3 masters, 2 coordinators, 3 workers, an api, etcd and MariaDB of its own).
 * A seeded workload starts serial, nested and retrying workflows while a seeded nemesis kills,
 * pauses and partitions processes and restarts etcd and MariaDB. Then everything is healed,
 * the cluster is given time to settle, and the checker judges the external task record and
 * MySQL's history against every invariant. Exit 0: no violation; 1: violations (the seed to
 * replay is printed); 2: the run itself could not be carried out.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectDb, type Db } from '../../shared/db/connect.js';
import { OWNED_WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';
import { errorMessage } from '../../shared/errors.js';
import { checkAll } from './checker.js';
import { ChaosCluster } from './cluster.js';
import { readHistory, type History } from './history.js';
import { ChaosInfra } from './infra.js';
import { Nemesis } from './nemesis.js';
import { parseOptions, USAGE, type ChaosOptions } from './options.js';
import { readRecord } from './record.js';
import { formatReport, replayCommand, summarize, totalViolations } from './report.js';
import { Rng } from './rng.js';
import { writeTaskScript } from './task-script.js';
import { Workload } from './workload.js';
import { scratchParent } from '../../services/cli/cluster/infra/scratch-dir.js';

const startedAt = Date.now();
const log = (line: string): void =>
  console.log(`[chaos +${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}`);

/** Runs the whole chaos run; resolves with the process exit code. */
async function runChaos(o: ChaosOptions): Promise<number> {
  log(`seed ${o.seed}; replay: ${replayCommand(o.seed, o.durationMs, o.kindsFlag)}`);
  const dir = await mkdtemp(join(await scratchParent(), 'baton-chaos-'));
  log(`run directory ${dir}`);
  let keep = o.keep;
  const infra = await ChaosInfra.start(dir, log);
  let cluster: ChaosCluster | undefined;
  let db: Db | undefined;
  try {
    cluster = await ChaosCluster.start(infra, {
      masters: 3,
      coordinators: 2,
      workers: 3,
      leaseTtlMs: o.leaseTtlMs,
      serialGapWaitMs: o.serialGapWaitMs,
      dir,
    });
    db = connectDb(infra.mysqlUrl, { poolSize: 2 });
    const record = join(dir, 'record.log');
    const rng = new Rng(o.seed);
    const workload = new Workload(
      cluster.api,
      db,
      rng.fork(),
      log,
      o.kinds,
      join(dir, 'fixed'),
      cluster.adminApi,
    );
    await workload.applyDefinitions(writeTaskScript(dir), record);
    const nemesis = new Nemesis(cluster, infra, rng.fork(), {
      kinds: o.faults,
      leaseTtlMs: o.leaseTtlMs,
      gapMs: [1_000, 3_000],
      log,
    });
    log(`cluster up; workload and nemesis for ${o.durationMs / 1000} s`);
    workload.start();
    nemesis.start();
    await new Promise((resolve) => setTimeout(resolve, o.durationMs));
    log('stopping the nemesis and the workload; healing everything');
    await Promise.all([nemesis.stop(), workload.stop()]);
    await cluster.healAll();
    // Paused instances end only once resumed: the operator resumes what it left paused.
    const stillPaused = await workload.controls?.resumeAll(o.settleMs);
    // A stopped or failed backfill ends only once resumed: resume what the workload left so.
    await workload.backfills.resumeAll();
    if (stillPaused !== undefined && stillPaused !== 0)
      log(`${stillPaused} controls instance(s) could not be resumed`);
    const settledInMs = await settle(db, o.settleMs);
    const poolAfter = await workload.taskGroups.after().catch((err: unknown) => {
      log(`reading the task group after the settle: ${errorMessage(err)}`);
      return undefined;
    });
    log(settledInMs === null ? 'the cluster did NOT settle' : `settled in ${settledInMs} ms`);
    const history = await readWithRetry(db);
    const checkedAt = Date.now();
    const runs = readRecord(record);
    const violations = checkAll({
      runs,
      history,
      faults: nemesis.faults,
      crashes: cluster.crashes,
      started: workload.started,
      controls: workload.controls?.calls ?? [],
      backfills: workload.backfills.started,
      poolSizes: workload.taskGroups.sizes,
      poolAfter,
      leaseTtlMs: o.leaseTtlMs,
      serialGapWaitMs: o.serialGapWaitMs,
      checkedAt,
    });
    const summary = summarize({
      seed: o.seed,
      durationMs: o.durationMs,
      settleMs: o.settleMs,
      settledInMs,
      ...(o.kindsFlag === undefined ? {} : { kindsFlag: o.kindsFlag }),
      started: workload.started,
      counts: workload.counts,
      runs,
      history,
      faults: nemesis.faults,
      violations,
      controls: workload.controls?.calls ?? [],
      backfills: workload.backfills.started,
      dir,
    });
    console.log(`\n${formatReport(summary)}`);
    if (o.summaryFile !== undefined) await writeFile(o.summaryFile, JSON.stringify(summary));
    const failed = totalViolations(summary) > 0;
    keep ||= failed;
    return failed ? 1 : 0;
  } catch (err) {
    keep = true;
    throw err;
  } finally {
    await cluster
      ?.stop()
      .catch((err: unknown) => log(`stopping the cluster: ${errorMessage(err)}`));
    await db?.destroy().catch(() => {});
    await infra.stop().catch((err: unknown) => log(`stopping etcd/MariaDB: ${errorMessage(err)}`));
    if (keep) log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Waits until no instance is unended and no backfill runs, or `limitMs` passes. Returns how
 * long that took, or null. MySQL has just been healed too: a failing count is tried again.
 */
async function settle(db: Db, limitMs: number): Promise<number | null> {
  const from = Date.now();
  while (Date.now() - from <= limitMs) {
    const count = (query: Promise<{ n: number } | undefined>) =>
      query.then((row) => Number(row?.n ?? 0)).catch(() => -1);
    const open = await count(
      db
        .selectFrom('workflow_instances')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', 'in', [...OWNED_WORKFLOW_STATES])
        .executeTakeFirst(),
    );
    const backfilling = await count(
      db
        .selectFrom('backfills')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'RUNNING')
        .executeTakeFirst(),
    );
    if (open === 0 && backfilling === 0) return Date.now() - from;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return null;
}

async function readWithRetry(db: Db): Promise<History> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await readHistory(db);
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

async function main(): Promise<void> {
  let options: ChaosOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`${errorMessage(err)}\n${USAGE}`);
    process.exit(2);
  }
  let code: number;
  try {
    code = await runChaos(options);
  } catch (err) {
    console.error(
      `chaos run failed (seed ${options.seed}): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    code = 2;
  }
  // Everything it started is stopped by now. Exiting explicitly: left to itself, Node 20 has
  // been seen spinning at 100% CPU in its exit-time handle cleanup after such a run.
  process.exit(code);
}

await main();
