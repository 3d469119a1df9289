/**
 * `npm run test:repeat -- N [files...] [--hog K] [--keep]`: runs the vitest suite (or the
 * given files) N times in a row and reports every failure with its run, seed, duration and
 * message, then which tests failed in how many runs. `--hog K` keeps K busy processes running
 * meanwhile (a loaded CI machine: a test that passes only on an idle one fails here). Each
 * run's log and JSON report stay in a directory it prints. Exit 0 iff every run passed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../../services/cli/cluster/infra/repo-root.js';
import {
  summarize,
  type Failure,
  type RunSummary,
  type VitestJsonReport,
} from './vitest-report.js';

const USAGE = 'usage: npm run test:repeat -- N [files...] [--hog K]';

interface Options {
  runs: number;
  files: string[];
  hogs: number;
}

function parseOptions(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { hog: { type: 'string', default: '0' } },
  });
  const [count, ...files] = positionals;
  const runs = Number(count);
  const hogs = Number(values.hog);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`N must be a positive integer\n${USAGE}`);
  if (!Number.isInteger(hogs) || hogs < 0) throw new Error(`--hog must be >= 0\n${USAGE}`);
  return { runs, files, hogs };
}

/** A busy loop in its own process: one core's worth of competing load. */
function startHog(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
}

function formatMs(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

async function runOnce(
  root: string,
  dir: string,
  index: number,
  files: string[],
  seed: number,
): Promise<RunSummary & { ms: number; log: string }> {
  const log = join(dir, `run-${index}.log`);
  const report = join(dir, `run-${index}.json`);
  const out = createWriteStream(log);
  const startedAt = performance.now();
  const child = spawn(
    join(root, 'node_modules', '.bin', 'vitest'),
    ['run', ...files, `--sequence.seed=${seed}`],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0', VITEST_JSON_REPORT: report },
    },
  );
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  out.end();
  const ms = performance.now() - startedAt;
  if (!existsSync(report)) {
    const failure: Failure = {
      file: '(vitest)',
      test: '(the run itself)',
      durationMs: undefined,
      message: `vitest exited ${code} without a report; see ${log}`,
    };
    return { passed: 0, failed: 1, failures: [failure], ms, log };
  }
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as VitestJsonReport;
  return { ...summarize(parsed, root), ms, log };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const root = repoRoot();
  const dir = mkdtempSync(join(tmpdir(), 'baton-test-repeat-'));
  const hogs = Array.from({ length: options.hogs }, startHog);
  const stopHogs = (): void => hogs.forEach((h) => h.kill('SIGKILL'));
  process.on('exit', stopHogs);
  const target = options.files.length === 0 ? 'the whole suite' : options.files.join(' ');
  console.log(`${options.runs} runs of ${target}, ${options.hogs} busy processes; logs in ${dir}`);
  const failedRuns = new Map<string, number[]>();
  let failures = 0;
  for (let i = 1; i <= options.runs; i += 1) {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const run = await runOnce(root, dir, i, options.files, seed);
    console.log(
      `run ${i}/${options.runs}: ${run.passed} passed, ${run.failed} failed in ${formatMs(run.ms)} ` +
        `(seed ${seed}, log ${run.log})`,
    );
    for (const f of run.failures) {
      failures += 1;
      const key = `${f.file} › ${f.test}`;
      failedRuns.set(key, [...(failedRuns.get(key) ?? []), i]);
      const took = f.durationMs === undefined ? '' : ` after ${Math.round(f.durationMs)} ms`;
      console.log(`  FAIL ${key}${took}\n    ${f.message.replaceAll('\n', '\n    ')}`);
    }
  }
  stopHogs();
  if (failures === 0) {
    console.log(`every run passed (${options.runs} of ${options.runs})`);
    return;
  }
  console.log('failed tests (runs they failed in):');
  for (const [test, runs] of failedRuns) console.log(`  ${test}: ${runs.join(', ')}`);
  process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 2;
});
