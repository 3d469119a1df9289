/**
 * The workload driver: applies the chaos definitions, then starts instances of every kind at
 * its seeded random rate (one loop per kind, so a slow start of one kind never holds back the
 * others) until stopped, and now and then stops a waiting serial instance (a stop must free
 * its place in the queue at once). It remembers every id the api handed out, so the checker
 * can tell whether any submitted instance got lost. When a controls kind runs, an operator
 * loop pauses, resumes, stops, recovers and forces its instances (controls.ts).
 */
import type { Db } from '../../shared/db/connect.js';
import { OWNED_WORKFLOW_STATES } from '../../shared/domain/workflow-states.js';
import { errorMessage } from '../../shared/errors.js';
import type { ApiClient } from './cluster.js';
import { BackfillLoad } from './backfills.js';
import { TaskGroupLoad } from './task-groups.js';
import { Controls } from './controls.js';
import { CONTROL_WORKFLOWS } from './definitions-controls.js';
import { definitionsYaml, type WorkloadKind } from './definitions.js';
import type { Rng } from './rng.js';

/** An instance the api confirmed it recorded. */
export interface StartedInstance {
  id: string;
  kind: string;
  workflow: string;
}

export interface WorkloadCounts {
  /** Confirmed starts by kind. */
  started: Map<string, number>;
  /** Failed StartInstance calls by kind (the instance may or may not exist). */
  startErrors: Map<string, number>;
  stopsRequested: number;
}

const STOP_EVERY_MS: [number, number] = [3_000, 8_000];
/** Time between two controls (controls.ts). */
const CONTROL_EVERY_MS: [number, number] = [300, 900];

export class Workload {
  readonly started: StartedInstance[] = [];
  readonly counts: WorkloadCounts = {
    started: new Map(),
    startErrors: new Map(),
    stopsRequested: 0,
  };
  private readonly open = new Map<string, number>();
  private stopping = false;
  private loops: Promise<void>[] = [];
  /** The operator of the controls kinds; undefined when none of them runs. */
  readonly controls: Controls | undefined;
  /** The backfill kinds' starts, stops and resumes (backfills.ts). */
  readonly backfills: BackfillLoad;
  /** The task-group pool's resizes (task-groups.ts). */
  readonly taskGroups: TaskGroupLoad;

  /** `kinds`: the kinds to start (`--kinds`); `fixDir`: where controls fix failing tasks; `adminApi`: the api as an admin (task-group resizes). */
  constructor(
    private readonly api: ApiClient,
    private readonly db: Db,
    private readonly rng: Rng,
    private readonly log: (line: string) => void,
    private readonly kinds: readonly WorkloadKind[],
    private readonly fixDir: string,
    adminApi: ApiClient,
  ) {
    const controlled = kinds.some((k) =>
      (CONTROL_WORKFLOWS as readonly string[]).includes(k.workflow),
    );
    this.controls = controlled ? new Controls(api, db, fixDir, rng.fork(), log) : undefined;
    this.backfills = new BackfillLoad(api, log);
    this.taskGroups = new TaskGroupLoad(adminApi, log);
  }

  async applyDefinitions(script: string, record: string): Promise<void> {
    // The grouped definitions name the pool: it must exist when they are applied.
    await this.taskGroups.create();
    for (const yaml of definitionsYaml(script, record, this.fixDir))
      await this.api.ApplyWorkflow({ yaml });
  }

  /** Starts the loops; each kind draws from a generator of its own. */
  start(): void {
    this.loops = [
      this.countOpen(),
      this.stopSome(this.rng.fork()),
      ...this.kinds.map((kind) =>
        kind.backfill === true
          ? this.driveBackfills(kind, this.rng.fork())
          : this.drive(kind, this.rng.fork()),
      ),
      ...(this.controls === undefined ? [] : [this.operate(this.controls)]),
      this.resizePool(this.rng.fork()),
    ];
  }

  /** Stops starting new instances; resolves when no start is in flight any more. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.loops);
  }

  private async drive(kind: WorkloadKind, rng: Rng): Promise<void> {
    while (!this.stopping) {
      await this.sleep(rng.int(...kind.everyMs));
      if (this.stopping) return;
      if ((this.open.get(kind.workflow) ?? 0) >= kind.maxOpen) continue;
      try {
        const { id } = await this.api.StartInstance({
          workflow: kind.workflow,
          params: kind.params(rng),
        });
        this.started.push({ id, kind: kind.kind, workflow: kind.workflow });
        bump(this.counts.started, kind.kind);
        // Counted as open at once, so a burst cannot overshoot the cap before the next count.
        bump(this.open, kind.workflow);
      } catch (err) {
        bump(this.counts.startErrors, kind.kind);
        this.log(`start ${kind.workflow} failed: ${errorMessage(err)}`);
      }
    }
  }

  /** Starts backfills of `kind` (at most `maxOpen` running), and stops/resumes some. */
  private async driveBackfills(kind: WorkloadKind, rng: Rng): Promise<void> {
    while (!this.stopping) {
      await this.sleep(rng.int(...kind.everyMs));
      if (this.stopping) return;
      try {
        await this.backfills.tick(rng);
        if ((await this.backfills.open(kind.workflow)) < kind.maxOpen)
          await this.backfills.startOne(kind, rng);
      } catch (err) {
        // The api could not reach MySQL just now: the next round tries again.
        this.log(`backfills: ${errorMessage(err)}`);
      }
    }
  }

  /** Resizes the task-group pool now and then. */
  private async resizePool(rng: Rng): Promise<void> {
    while (!this.stopping) {
      await this.sleep(rng.int(2_000, 6_000));
      if (!this.stopping) await this.taskGroups.tick(rng);
    }
  }

  /** Stops a random recent instance of `wait-fast` (usually still waiting in the queue). */
  private async stopSome(rng: Rng): Promise<void> {
    while (!this.stopping) {
      await this.sleep(rng.int(...STOP_EVERY_MS));
      const candidates = this.started.slice(-40).filter((s) => s.workflow === 'wait-fast');
      if (this.stopping || candidates.length === 0) continue;
      const victim = rng.pick(candidates);
      try {
        await this.api.StopInstance({ id: victim.id });
        this.counts.stopsRequested += 1;
      } catch {
        // Already ended, or the api could not reach MySQL just now: either way nothing to do.
      }
    }
  }

  /** The controls loop: one control (and the resumes due) at a time, until stopped. */
  private async operate(controls: Controls): Promise<void> {
    const rng = this.rng.fork();
    while (!this.stopping) {
      await this.sleep(rng.int(...CONTROL_EVERY_MS));
      if (this.stopping) return;
      try {
        await controls.tick();
      } catch (err) {
        // MariaDB is being restarted or slowed: the next tick reads again.
        this.log(`controls: ${errorMessage(err)}`);
      }
    }
  }

  /** Keeps `open` (unended root instances per definition) current, from MySQL, once a second. */
  private async countOpen(): Promise<void> {
    while (!this.stopping) {
      try {
        const rows = await this.db
          .selectFrom('workflow_instances')
          .select((eb) => ['workflow', eb.fn.countAll<number>().as('n')])
          .where('state', 'in', [...OWNED_WORKFLOW_STATES])
          .where('parent_instance_id', 'is', null)
          .groupBy('workflow')
          .execute();
        this.open.clear();
        for (const row of rows) this.open.set(row.workflow, Number(row.n));
      } catch {
        // MariaDB is being restarted: keep the last counts.
      }
      await this.sleep(1_000);
    }
  }

  private async sleep(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopping && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, until - Date.now())));
    }
  }
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
