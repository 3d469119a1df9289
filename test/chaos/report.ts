/**
 * The chaos run's result: a summary (also written as JSON for the test that runs it) and the
 * table printed at the end — what was done, what was broken, what was violated.
 */
import { formatDuration } from '../../shared/domain/duration.js';
import { INVARIANTS, type Invariant, type Violation } from './evidence.js';
import { FAULT_KINDS, type Fault, type FaultKind } from './faults.js';
import type { History } from './history.js';
import type { TaskRun } from './record.js';
import type { StartedInstance, WorkloadCounts } from './workload.js';
import type { ControlCall } from './controls.js';
import type { StartedBackfill } from './backfills.js';
import { isReopen } from './check-controls.js';
import { pausedSpans } from './check-pause.js';

export interface KindSummary {
  started: number;
  startErrors: number;
  /** Started instances with at least one recorded task run of their own. */
  ran: number;
  /** Final states of the started instances. */
  states: Record<string, number>;
}

export interface RunSummary {
  seed: number;
  durationMs: number;
  settleMs: number;
  /** How long the cluster took to settle after the last fault; null if it never did. */
  settledInMs: number | null;
  /** `--kinds` as given; undefined when every kind ran. */
  kindsFlag?: string;
  kinds: Record<string, KindSummary>;
  /** Recorded task runs by definition (children included). */
  taskRuns: Record<string, number>;
  unendedRuns: number;
  stopsRequested: number;
  /** Control calls (controls kinds) by `op outcome`, e.g. `pause OK`. */
  controls: Record<string, number>;
  /** What MySQL shows the controls did (so C1 and P1 are seen not to be vacuous). */
  repairs: { pausedStretches: number; reopens: number; forced: number };
  faults: Record<FaultKind, number>;
  violations: Record<Invariant, number>;
  /** The first few violations of each invariant. */
  examples: Violation[];
  dir: string;
}

const EXAMPLES_PER_INVARIANT = 5;

export function summarize(input: {
  seed: number;
  durationMs: number;
  settleMs: number;
  settledInMs: number | null;
  kindsFlag?: string;
  started: readonly StartedInstance[];
  counts: WorkloadCounts;
  runs: readonly TaskRun[];
  history: History;
  faults: readonly Fault[];
  violations: readonly Violation[];
  controls: readonly ControlCall[];
  /** Backfills the api confirmed: their kinds count backfills, not instances. */
  backfills: readonly StartedBackfill[];
  dir: string;
}): RunSummary {
  const stateOf = new Map(input.history.instances.map((i) => [i.id, i.state]));
  const ranInstances = new Set(input.runs.map((r) => r.instance));
  const kinds: Record<string, KindSummary> = {};
  for (const [kind, started] of input.counts.started) {
    kinds[kind] = { started, startErrors: 0, ran: 0, states: {} };
  }
  for (const [kind, errors] of input.counts.startErrors) {
    kinds[kind] ??= { started: 0, startErrors: 0, ran: 0, states: {} };
    kinds[kind].startErrors = errors;
  }
  for (const s of input.started) {
    const k = kinds[s.kind]!;
    if (ranInstances.has(s.id)) k.ran += 1;
    const state = stateOf.get(s.id) ?? 'MISSING';
    k.states[state] = (k.states[state] ?? 0) + 1;
  }
  const backfillState = new Map(input.history.backfills.map((b) => [b.id, b.state]));
  const ranBackfills = new Set(
    input.history.instances
      .filter((i) => i.backfillId !== null && ranInstances.has(i.id))
      .map((i) => i.backfillId!),
  );
  for (const b of input.backfills) {
    const k = (kinds[b.kind] ??= { started: 0, startErrors: 0, ran: 0, states: {} });
    k.started += 1;
    if (ranBackfills.has(b.id)) k.ran += 1;
    const state = backfillState.get(b.id) ?? 'MISSING';
    k.states[state] = (k.states[state] ?? 0) + 1;
  }
  const taskRuns: Record<string, number> = {};
  for (const r of input.runs) taskRuns[r.workflow] = (taskRuns[r.workflow] ?? 0) + 1;
  const controls: Record<string, number> = {};
  for (const c of input.controls) {
    const key = `${c.op} ${c.outcome}`;
    controls[key] = (controls[key] ?? 0) + 1;
  }
  const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  for (const f of input.faults) faults[f.kind] += 1;
  const violations = Object.fromEntries(Object.keys(INVARIANTS).map((k) => [k, 0])) as Record<
    Invariant,
    number
  >;
  const examples: Violation[] = [];
  for (const v of input.violations) {
    violations[v.invariant] += 1;
    if (violations[v.invariant] <= EXAMPLES_PER_INVARIANT) examples.push(v);
  }
  return {
    seed: input.seed,
    durationMs: input.durationMs,
    settleMs: input.settleMs,
    settledInMs: input.settledInMs,
    ...(input.kindsFlag === undefined ? {} : { kindsFlag: input.kindsFlag }),
    kinds,
    taskRuns,
    unendedRuns: input.runs.filter((r) => r.end === undefined).length,
    stopsRequested: input.counts.stopsRequested,
    controls,
    repairs: {
      pausedStretches: pausedSpans(input.history.changes).length,
      reopens: input.history.changes.filter(isReopen).length,
      forced: input.history.changes.filter((c) => c.toState === 'FORCED_SUCCESS').length,
    },
    faults,
    violations,
    examples,
    dir: input.dir,
  };
}

export function totalViolations(summary: RunSummary): number {
  return Object.values(summary.violations).reduce((a, b) => a + b, 0);
}

/** The replay command for this run. */
export function replayCommand(seed: number, durationMs: number, kinds?: string): string {
  const flag = kinds === undefined ? '' : ` --kinds ${kinds}`;
  return `npm run chaos -- --seed ${seed} --duration ${formatDuration(durationMs)}${flag}`;
}

/** The printed report: operations, faults by kind, violations by invariant, verdict. */
export function formatReport(s: RunSummary): string {
  const lines: string[] = [];
  const settled =
    s.settledInMs === null ? 'did NOT settle' : `settled in ${formatDuration(s.settledInMs)}`;
  lines.push(
    `chaos run: seed ${s.seed}, faults for ${formatDuration(s.durationMs)}, ${settled} (limit ${formatDuration(s.settleMs)})`,
    '',
  );
  const states = [...new Set(Object.values(s.kinds).flatMap((k) => Object.keys(k.states)))].sort();
  lines.push(
    ...table(
      ['instances', 'started', 'errors', 'ran', ...states],
      Object.entries(s.kinds).map(([kind, k]) => [
        kind,
        k.started,
        k.startErrors,
        k.ran,
        ...states.map((st) => k.states[st] ?? 0),
      ]),
    ),
    '',
  );
  lines.push(
    ...table(
      ['task runs', 'count'],
      [...Object.entries(s.taskRuns), ['(no end recorded)', s.unendedRuns]],
    ),
    `stops requested: ${s.stopsRequested}`,
    '',
  );
  if (Object.keys(s.controls).length > 0) {
    const r = s.repairs;
    lines.push(
      ...table(['controls', 'calls'], Object.entries(s.controls).sort()),
      `in MySQL: ${r.pausedStretches} paused stretches, ${r.reopens} rounds opened (recover, resume from STOP; children too), ${r.forced} tasks forced`,
      '',
    );
  }
  lines.push(...table(['faults injected', 'count'], Object.entries(s.faults)), '');
  lines.push(
    ...table(
      ['invariant', 'violations', 'meaning'],
      Object.entries(INVARIANTS).map(([k, meaning]) => [k, s.violations[k as Invariant], meaning]),
    ),
  );
  for (const v of s.examples) lines.push(`  ${v.invariant}: ${v.message}`);
  const total = totalViolations(s);
  lines.push(
    '',
    total === 0
      ? `OK: no violations (seed ${s.seed})`
      : `FAILED: ${total} violation(s); logs and record in ${s.dir}\nreplay: ${replayCommand(s.seed, s.durationMs, s.kindsFlag)}`,
  );
  return lines.join('\n');
}

function table(header: string[], rows: (string | number)[][]): string[] {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  // Numbers right-aligned, words left-aligned.
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === 'number'));
  return cells.map((row) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
