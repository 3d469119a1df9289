import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../services/cli/cluster/infra/repo-root.js';
import { WORKLOAD_KINDS } from './chaos/definitions.js';
import { FAULT_KINDS } from './chaos/faults.js';
import type { RunSummary } from './chaos/report.js';

/**
 * A short chaos run (test/chaos/run.ts) end to end, as `npm run chaos` runs it: its own etcd
 * and MariaDB, a cluster of real processes, 90 s of faults and workload, then the settle and
 * the checks. It passes only if nothing was violated AND the run was not vacuous: every kind
 * of fault was injected and instances of every workload kind ran. The seed is random (printed;
 * CHAOS_SEED pins it), so every CI run explores another schedule; a failure names the seed.
 *
 * Every kind must START within DURATION (a fault under way when it ends is let finish and
 * counted). The nemesis does one round of all 9 kinds, in a shuffled order, each after a gap of
 * 1–3 s (run.ts). Worst case, with the lease TTL of 3 s and generous start-up times (a service
 * 3 s, MariaDB 5 s, etcd 2 s): kill-master/-coordinator/-worker ≤ 3 s down (or waiting out the
 * old lease) + 3 s = 6 s each; pause-master ≤ TTL + 3 s = 6 s; partition-master ≤ TTL + 4 s =
 * 7 s; restart-etcd ≤ TTL + 2 s = 5 s; restart-mysql ≤ 3 s + 5 s = 8 s; slow-mysql ≤ 10 s
 * (nemesis.ts SLOW_HOLD_MS); stall-mysql ≤ TTL + 3 s = 6 s. All nine: 60 s; the last to start
 * needs only the other eight done: at most 60 − 5 = 55 s, plus 9 gaps of ≤ 3 s = 27 s: 82 s
 * ≤ 90 s (on average about 55–60 s). The runner logs `nemesis: round 1 done` to check the margin.
 */
const DURATION = '90s';
const seed = process.env.CHAOS_SEED ?? String(Math.floor(Math.random() * 0x7fffffff));

describe('chaos run (short)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-chaos-test-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    // A run cut short by the timeout: SIGTERM makes the runner end its servers and services.
    if (child !== undefined && child.exitCode === null && child.signalCode === null)
      child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it(`holds every invariant under faults (seed ${seed})`, { timeout: 300_000 }, async () => {
    const summaryFile = join(dir, 'summary.json');
    const runner = join(repoRoot(), 'dist/test/chaos/run.js');
    expect(existsSync(runner), 'npm run build first').toBe(true);
    const run = spawn(
      process.execPath,
      [runner, '--duration', DURATION, '--seed', seed, '--summary', summaryFile],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = run;
    let output = '';
    run.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    run.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
    console.log(output);

    expect(code, `replay: npm run chaos -- --seed ${seed} --duration ${DURATION}`).toBe(0);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as RunSummary;
    expect(Object.values(summary.violations).every((n) => n === 0)).toBe(true);
    expect(summary.settledInMs).not.toBeNull();
    for (const kind of FAULT_KINDS) expect(summary.faults[kind], kind).toBeGreaterThan(0);
    for (const { kind } of WORKLOAD_KINDS)
      expect(summary.kinds[kind]?.ran, kind).toBeGreaterThan(0);
    // The children ran too: sub-workflows two levels deep.
    expect(summary.taskRuns['tree-mid']).toBeGreaterThan(0);
    expect(summary.taskRuns['tree-leaf']).toBeGreaterThan(0);
    // The controls kinds were controlled, so C1 and P1 judged something: pauses committed and
    // ended instances carried on in new rounds.
    expect(summary.repairs.pausedStretches).toBeGreaterThan(0);
    expect(summary.repairs.reopens).toBeGreaterThan(0);
  });
});
