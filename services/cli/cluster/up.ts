import type { Command } from 'commander';
import { parseDuration } from '../../../shared/domain/duration.js';
import { ensureInfraBinaries } from './infra/debian-packages.js';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { instanceJson } from '../instance-json.js';
import { positiveInt, runCommand } from '../run-command.js';
import { elapsed, table } from '../text-format.js';
import { endedOtherwise } from '../wait-outcome.js';
import { summaryLine } from '../watch-instance.js';
import { readClusterFile, writeClusterFile, type ClusterFile } from './cluster-file.js';
import { runDemo } from './demo.js';
import { clusterMembers, isAlive } from './process-check.js';
import { startCluster } from './start-cluster.js';
import { whileInterruptible } from './interrupt.js';

interface UpOptions {
  masters: string;
  workers: string;
  coordinators: string;
  leaseTtl: string;
  demo?: boolean;
}

/**
 * `baton cluster up`: a whole cluster on this machine as detached processes, recorded in
 * `$BATON_HOME/cluster.json`. Refuses when that cluster is still running; restarts it on the
 * same data when it is not.
 */
export function registerClusterUp(cluster: Command): void {
  cluster
    .command('up')
    .description('start etcd, MariaDB and every Baton service on this machine')
    .option('--masters <n>', 'number of masters', '2')
    .option('--workers <n>', 'number of workers', '2')
    .option('--coordinators <n>', 'number of coordinators', '1')
    .option('--lease-ttl <duration>', 'etcd lease TTL: how fast a dead process is noticed', '10s')
    .option('--demo', 'then apply deploy/demo and run the demo workflow (exit code per its result)')
    .action((opts: UpOptions, command: Command) => runCommand(command, (ctx) => up(ctx, opts)));
}

async function up(ctx: CliContext, opts: UpOptions): Promise<void> {
  const started = Date.now();
  const layout = {
    masters: positiveInt(opts.masters, '--masters') ?? 2,
    workers: positiveInt(opts.workers, '--workers') ?? 2,
    coordinators: positiveInt(opts.coordinators, '--coordinators') ?? 1,
  };
  const leaseTtlMs = parseLeaseTtl(opts.leaseTtl);
  const log = (line: string): void => {
    if (!ctx.json) process.stderr.write(`${line}\n`);
  };
  await ensureInfraBinaries(log);
  const previous = await readClusterFile(ctx.home);
  if (previous !== undefined) {
    const alive = clusterMembers(previous).filter((m) => isAlive(m.pid, m.signature));
    if (alive.length > 0) {
      throw new CliError(
        `cluster already running in ${ctx.home} (${alive.length} processes); run baton cluster down`,
      );
    }
    log(`the cluster in ${ctx.home} is not running; starting it again on the same data`);
  }
  const file = await whileInterruptible((checkpoint) =>
    startCluster({ home: ctx.home, layout, leaseTtlMs, log, checkpoint }),
  ).catch((err: unknown) => {
    // A server that failed to start reports the end of its log after the first line.
    const [, ...detail] = (err instanceof Error ? err.message : '').trimEnd().split('\n');
    for (const line of detail.slice(-20)) log(`  ${line}`);
    throw err;
  });
  await writeClusterFile(ctx.home, file);
  if (!ctx.json) printSummary(ctx, file, Date.now() - started);
  if (opts.demo !== true) {
    if (ctx.json) ctx.printJson(withoutSecret(file));
    return;
  }
  // From here the cluster stays up whatever happens to the demo.
  const scoped = ctx.withApi(file.apiAddress, file.token);
  try {
    const demo = await runDemo(scoped);
    if (ctx.json) {
      ctx.printJson({
        ...withoutSecret(file),
        demo: { ...demo, instance: instanceJson(demo.instance) },
      });
    } else {
      ctx.say(summaryLine(demo.instance));
    }
    const failure = endedOtherwise(demo.instance, 'SUCCESS');
    if (failure !== undefined) throw failure;
  } finally {
    scoped.close();
  }
}

/** What `--json` prints: the file less the admin token, which stays in cluster.json (0600). */
function withoutSecret(file: ClusterFile): Omit<ClusterFile, 'token'> {
  const rest = { ...file };
  delete rest.token;
  return rest;
}

function parseLeaseTtl(text: string): number {
  const ms = parseDuration(text, '--lease-ttl');
  if (ms < 1000 || ms > 120_000 || ms % 1000 !== 0) {
    throw new CliError('--lease-ttl: must be whole seconds between 1s and 2m');
  }
  return ms;
}

function printSummary(ctx: CliContext, file: ClusterFile, tookMs: number): void {
  const rows = clusterMembers(file).map((m) => [m.name, m.role, m.pid, m.address]);
  ctx.say(`cluster up in ${elapsed(tookMs)}; home ${file.home}\n`);
  ctx.say(table(['NAME', 'ROLE', 'PID', 'ADDRESS'], rows));
  ctx.say(`\napi   ${file.apiAddress}  (later commands read it from ${file.home}/cluster.json,`);
  ctx.say(`      with --home ${file.home} or BATON_HOME=${file.home} when run elsewhere)`);
  ctx.say(`token an admin token is in cluster.json; make others with: baton token create`);
  ctx.say(`logs  ${file.home}/services/*.log`);
  ctx.say('stop  baton cluster down');
}
