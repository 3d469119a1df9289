/**
 * D1, a branch once decided is the branch: a CONDITIONS or SWITCH attempt stores its decision
 * with its end, in one fenced write, before any branch task starts, and a master that adopts
 * the instance reads it and never decides again. So across failovers the record (what ran) must
 * agree with the one stored decision (what was chosen) and with MySQL's SKIPPED rows.
 */
import { branchTargets } from '../../shared/domain/branch-rules.js';
import type { WorkflowDefinitionSpec } from '../../shared/domain/workflow-spec.js';
import { errorMessage } from '../../shared/errors.js';
// The master's own reader: a stored decision an adopting master could not read is a defect too.
import { parseDecision, type TaskDecision } from '../../services/master/run/task-decision.js';
import { describeRun, groupBy, type ClosedRun, type Violation } from './evidence.js';
import type { DefinitionRecord, InstanceRecord, TaskRecord } from './history.js';

/** A CONDITIONS or SWITCH task and the exclusive branches it chooses between. */
interface BranchPoint {
  task: string;
  kind: 'CONDITIONS' | 'SWITCH';
  /** Each a set of branch targets; a decision takes exactly one (onTrue/onFalse, a case). */
  branches: string[][];
}

function branchPoints(spec: WorkflowDefinitionSpec): BranchPoint[] {
  return spec.tasks.flatMap((t): BranchPoint[] => {
    if (t.type === 'CONDITIONS')
      return [{ task: t.name, kind: t.type, branches: [t.onTrue, t.onFalse] }];
    if (t.type === 'SWITCH')
      return [{ task: t.name, kind: t.type, branches: branchTargets(t).map((x) => [x]) }];
    return [];
  });
}

/**
 * D1 for every instance whose definition (which must be known) has a CONDITIONS or SWITCH task:
 * (a) of each such task's exclusive branches at most one has a run in the record, and only
 *     targets its stored decision chose ran (none ran when nothing was decided);
 * (b) no task SKIPPED in MySQL has a run in the record (this covers what lies behind a
 *     branch not taken too);
 * (c) an attempt has a decision iff it ended SUCCESS, at most one attempt of the task has one,
 *     it parses, is of the task's kind and chooses exactly one branch, skipping the rest; and
 *     what it chose is not SKIPPED and, once the instance succeeded, has a run (SHELL targets,
 *     the only ones in the record).
 * Runs of instances MySQL does not know are F3's.
 */
export function checkBranches(
  runs: readonly ClosedRun[],
  instances: readonly InstanceRecord[],
  tasks: readonly TaskRecord[],
  definitions: readonly DefinitionRecord[],
): Violation[] {
  const specs = new Map(definitions.map((d) => [`${d.workflow}@${d.version}`, d.spec]));
  const runsOf = groupBy(runs, (r) => r.instance);
  const rowsOf = groupBy(tasks, (t) => t.instanceId);
  const violations: Violation[] = [];
  for (const instance of instances) {
    const spec = specs.get(`${instance.workflow}@${instance.version}`);
    if (spec === undefined) {
      // Every instance runs a stored version; skipping it silently would let a misread history
      // pass every instance unjudged.
      violations.push({
        invariant: 'D1',
        message: `instance ${instance.id}: its definition ${instance.workflow}@${instance.version} was not read, so its branches cannot be judged`,
      });
      continue;
    }
    const points = branchPoints(spec);
    if (points.length === 0) continue;
    const judge = new InstanceBranches(
      instance,
      spec,
      runsOf.get(instance.id) ?? [],
      rowsOf.get(instance.id) ?? [],
    );
    judge.skippedRan();
    for (const p of points) judge.point(p);
    violations.push(...judge.violations);
  }
  return violations;
}

/** One instance's runs and rows, and the D1 questions about them; what fails is collected. */
class InstanceBranches {
  readonly violations: Violation[] = [];
  private readonly runsByTask: Map<string, ClosedRun[]>;
  private readonly rowsByTask: Map<string, TaskRecord[]>;

  constructor(
    private readonly instance: InstanceRecord,
    private readonly spec: WorkflowDefinitionSpec,
    runs: readonly ClosedRun[],
    rows: readonly TaskRecord[],
  ) {
    this.runsByTask = groupBy(runs, (r) => r.task);
    this.rowsByTask = groupBy(rows, (r) => r.task);
  }

  /** (b) */
  skippedRan(): void {
    for (const [task, rows] of this.rowsByTask) {
      const ran = this.runsByTask.get(task) ?? [];
      if (rows.some((r) => r.state === 'SKIPPED') && ran.length > 0)
        this.add(`${task} is SKIPPED in MySQL but ran: ${ran.map(describeRun).join('; ')}`);
    }
  }

  /** (a) and (c) for one CONDITIONS or SWITCH task. */
  point(p: BranchPoint): void {
    const rows = this.rowsByTask.get(p.task) ?? [];
    for (const row of rows) {
      if (row.state === 'SUCCESS' && row.decision === null)
        this.add(`${p.task}#${row.attempt} ended SUCCESS with no stored decision`);
      if (row.state !== 'SUCCESS' && row.decision !== null)
        this.add(`${p.task}#${row.attempt} is ${row.state} but has a stored decision`);
    }
    const decided = rows.flatMap((r) =>
      r.decision === null ? [] : [{ attempt: r.attempt, json: r.decision }],
    );
    if (decided.length > 1)
      this.add(
        `${p.task} was decided ${decided.length} times (attempts ${decided.map((r) => r.attempt).join(', ')})`,
      );

    const ranBranches = p.branches.filter((b) => b.some((t) => this.ran(t)));
    if (ranBranches.length > 1)
      this.add(`${p.task}: exclusive branches ${ranBranches.map(show).join(' and ')} both ran`);
    const first = decided[0];
    const decision =
      first === undefined ? undefined : this.parse(p.task, first.attempt, first.json);
    const ranTargets = p.branches.flat().filter((t) => this.ran(t));
    if (first === undefined && ranTargets.length > 0)
      this.add(
        `${p.task} has no stored decision, yet its branch target(s) ${show(ranTargets)} ran`,
      );
    if (decision !== undefined) this.judgeDecision(p, decision, ranTargets);
  }

  private judgeDecision(p: BranchPoint, d: TaskDecision, ranTargets: readonly string[]): void {
    if (d.kind !== p.kind) this.add(`${p.task} is a ${p.kind} but stored a ${d.kind} decision`);
    if (!p.branches.some((b) => sameSet(b, d.chosen)))
      this.add(
        `${p.task} chose ${show(d.chosen)}, not one of its branches ${p.branches.map(show).join(', ')}`,
      );
    const rest = p.branches.flat().filter((t) => !d.chosen.includes(t));
    if (!sameSet(rest, d.skipped))
      this.add(
        `${p.task} chose ${show(d.chosen)} but skipped ${show(d.skipped)}, not ${show(rest)}`,
      );
    for (const target of ranTargets.filter((t) => !d.chosen.includes(t)))
      this.add(
        `${target} ran, but ${p.task}'s stored decision chose ${show(d.chosen)}: ${this.describe(target)}`,
      );
    for (const target of d.chosen) {
      const rows = this.rowsByTask.get(target) ?? [];
      if (rows.some((r) => r.state === 'SKIPPED'))
        this.add(`${target} is SKIPPED though ${p.task}'s stored decision chose it`);
      const shell = this.spec.tasks.find((t) => t.name === target)?.type === 'SHELL';
      if (shell && this.instance.state === 'SUCCESS' && !this.ran(target))
        this.add(
          `${target}, chosen by ${p.task}, has no run in the record, yet the instance succeeded`,
        );
    }
  }

  private parse(task: string, attempt: number, json: string): TaskDecision | undefined {
    try {
      return parseDecision(json);
    } catch (err) {
      this.add(
        `${task}#${attempt} has a stored decision that does not parse: ${errorMessage(err)}`,
      );
      return undefined;
    }
  }

  private ran(task: string): boolean {
    return (this.runsByTask.get(task) ?? []).length > 0;
  }

  private describe(task: string): string {
    return (this.runsByTask.get(task) ?? []).map(describeRun).join('; ');
  }

  private add(what: string): void {
    const { id, workflow } = this.instance;
    this.violations.push({ invariant: 'D1', message: `instance ${id} (${workflow}): ${what}` });
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
}

function show(targets: readonly string[]): string {
  return targets.length === 0 ? '[]' : `[${targets.join(', ')}]`;
}
