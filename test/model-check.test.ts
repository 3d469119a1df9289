import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSpin } from '../services/cli/cluster/infra/debian-packages.js';

const run = promisify(execFile);
const MODELS = new URL('./model/', import.meta.url).pathname;

/**
 * One SPIN check: a model, its -D defines (fault budgets, a mutation), and the least number
 * of states an exhaustive search of it must store (so a model that stopped exploring, say
 * after an edit that blocks a process early, fails instead of passing vacuously).
 */
interface Check {
  name: string;
  model: 'serial-protocol.pml' | 'fencing.pml';
  defines: string[];
  minStates: number;
}

const budgets = (b: Record<'LOSSES' | 'DUPS' | 'EXPIRIES' | 'TIMEOUTS' | 'STOPS', number>) =>
  Object.entries(b).map(([k, v]) => `-D${k}=${v}`);

/** The correct models, each run with a fault mix that an exhaustive search covers in seconds. */
const CORRECT: Check[] = [
  {
    name: 'serial: a shard claim expires and moves under a hand-off',
    model: 'serial-protocol.pml',
    defines: budgets({ LOSSES: 0, DUPS: 0, EXPIRIES: 1, TIMEOUTS: 0, STOPS: 0 }),
    minStates: 1_000_000,
  },
  {
    name: 'serial: any one message lost',
    model: 'serial-protocol.pml',
    defines: budgets({ LOSSES: 1, DUPS: 0, EXPIRIES: 0, TIMEOUTS: 0, STOPS: 0 }),
    minStates: 500_000,
  },
  {
    name: 'serial: a timeout and a stop while queued',
    model: 'serial-protocol.pml',
    defines: budgets({ LOSSES: 0, DUPS: 0, EXPIRIES: 0, TIMEOUTS: 1, STOPS: 1 }),
    minStates: 100_000,
  },
  { name: 'fencing: three lease expiries', model: 'fencing.pml', defines: [], minStates: 5_000 },
];

/** Mutations: each must make SPIN report a counterexample and write a trail. */
const MUTANTS: (Check & { expect: RegExp })[] = [
  {
    name: 'serial without the revision compares on release',
    model: 'serial-protocol.pml',
    defines: [
      '-DMUTATE_NO_RELEASE_REVISION_CHECK',
      ...budgets({ LOSSES: 0, DUPS: 0, EXPIRIES: 1, TIMEOUTS: 1, STOPS: 0 }),
    ],
    minStates: 0,
    expect: /assertion violated/,
  },
  {
    name: 'serial releasing before the terminal commit (DolphinScheduler #16369)',
    model: 'serial-protocol.pml',
    defines: [
      '-DMUTATE_RELEASE_BEFORE_COMMIT',
      ...budgets({ LOSSES: 0, DUPS: 0, EXPIRIES: 0, TIMEOUTS: 1, STOPS: 0 }),
    ],
    minStates: 0,
    expect: /assertion violated/,
  },
  {
    name: 'serial without the reconciler (S2)',
    model: 'serial-protocol.pml',
    defines: [
      '-DMUTATE_NO_RECONCILER',
      ...budgets({ LOSSES: 1, DUPS: 0, EXPIRIES: 0, TIMEOUTS: 0, STOPS: 0 }),
    ],
    minStates: 0,
    expect: /invalid end state/,
  },
  {
    name: 'fencing without the epoch guard on writes (F1)',
    model: 'fencing.pml',
    defines: ['-DMUTATE_NO_EPOCH_GUARD'],
    minStates: 0,
    expect: /assertion violated \(e==newest\)/,
  },
  {
    name: 'fencing with a non-idempotent createChild (F2)',
    model: 'fencing.pml',
    defines: ['-DMUTATE_NO_UNIQUE_CHILD'],
    minStates: 0,
    expect: /assertion violated \(children==0\)/,
  },
];

interface Result {
  output: string;
  errors: number;
  states: number;
  trail: boolean;
  seconds: number;
}

let work = '';
let spin = '';

/** spin -a, gcc, ./pan in a directory of its own; generated files never touch the repo. */
async function check(c: Check): Promise<Result> {
  const dir = await mkdtemp(join(work, 'run-'));
  await copyFile(join(MODELS, c.model), join(dir, c.model));
  const started = performance.now();
  await run(spin, ['-a', ...c.defines, c.model], { cwd: dir });
  // Exhaustive search (no bitstate), safety and invalid end states; states stored collapsed.
  await run('gcc', ['-O2', '-w', '-DSAFETY', '-DCOLLAPSE', '-DMEMLIM=2048', '-o', 'pan', 'pan.c'], {
    cwd: dir,
  });
  // pan stops at the first error (-c1) and exits 0 either way: the output says what it found.
  const { stdout } = await run('./pan', ['-m20000', '-c1'], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  const trail = (await readdir(dir)).some((f) => f.endsWith('.trail'));
  const errors = Number(/errors: (\d+)/.exec(stdout)?.[1] ?? NaN);
  const states = Number(/(\d+) states, stored/.exec(stdout)?.[1] ?? NaN);
  console.log(
    `[spin] ${c.name}: ${states} states stored, errors: ${errors}, ${seconds.toFixed(1)} s`,
  );
  return { output: stdout, errors, states, trail, seconds };
}

describe('model check of the serial and fencing protocol (SPIN)', () => {
  beforeAll(async () => {
    spin = await ensureSpin((line) => console.log(`[spin install] ${line}`));
    await mkdir(tmpdir(), { recursive: true });
    work = await mkdtemp(join(tmpdir(), 'baton-model-'));
  }, 180_000);

  afterAll(async () => {
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it.each(CORRECT)('$name: exhaustive, no counterexample', { timeout: 120_000 }, async (c) => {
    const r = await check(c);
    expect(r.output).not.toMatch(/Search not completed|reached -DMEMLIM|max search depth/);
    expect(r.errors, r.output).toBe(0);
    expect(r.trail).toBe(false);
    expect(r.states).toBeGreaterThanOrEqual(c.minStates);
  });

  it.each(MUTANTS)('$name: SPIN reports a trail', async (c) => {
    const r = await check(c);
    expect(r.errors, r.output).toBeGreaterThanOrEqual(1);
    expect(r.output).toMatch(c.expect);
    expect(r.trail).toBe(true);
  });
});
