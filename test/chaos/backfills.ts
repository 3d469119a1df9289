/**
 * The backfill workload (issue 15): starts backfills of the backfill kinds over random short
 * date ranges, with random --parallel, order and on-failure, and now and then stops a running
 * one and resumes it a little later. It remembers every backfill the api confirmed, so the
 * checker can tell whether one got lost; after the run it resumes what it left stopped, so
 * every backfill can end.
 */
import { errorMessage } from '../../shared/errors.js';
import type { ApiClient } from './cluster.js';
import type { Rng } from './rng.js';
import type { WorkloadKind } from './workload-kind.js';

/** A backfill the api confirmed it recorded. */
export interface StartedBackfill {
  id: string;
  kind: string;
  workflow: string;
  dates: number;
  parallel: number;
}

const DAY_MS = 86_400_000;
const BASE = Date.UTC(2020, 0, 1);

export class BackfillLoad {
  readonly started: StartedBackfill[] = [];
  readonly counts = { startErrors: 0, stops: 0, resumes: 0 };
  private readonly stopped = new Map<string, number>();

  constructor(
    private readonly api: ApiClient,
    private readonly log: (line: string) => void,
  ) {}

  /** One start: a range of 2 to 6 days at a random place (ranges of backfills may overlap). */
  async startOne(kind: WorkloadKind, rng: Rng): Promise<void> {
    const from = BASE + rng.int(0, 2_000) * DAY_MS;
    const days = rng.int(2, 6);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const parallel = rng.int(1, 3);
    try {
      const b = await this.api.StartBackfill({
        workflow: kind.workflow,
        from: day(from),
        to: day(from + (days - 1) * DAY_MS),
        parallel,
        order: rng.int(0, 3) === 0 ? 'desc' : 'asc',
        on_failure: rng.int(0, 1) === 0 ? 'stop' : 'continue',
        params: kind.params(rng),
      });
      this.started.push({
        id: b.id,
        kind: kind.kind,
        workflow: kind.workflow,
        dates: days,
        parallel,
      });
    } catch (err) {
      this.counts.startErrors += 1;
      this.log(`backfill ${kind.workflow} failed: ${errorMessage(err)}`);
    }
  }

  /** How many backfills of `workflow` have not ended (as far as this workload knows). */
  async open(workflow: string): Promise<number> {
    const { backfills } = await this.api.ListBackfills({ workflow, limit: 50 });
    return backfills.filter((b) => b.state === 'RUNNING').length;
  }

  /** Stops a random running backfill now and then; resumes the stopped ones after 1–4 s. */
  async tick(rng: Rng): Promise<void> {
    const now = Date.now();
    for (const [id, at] of this.stopped) {
      if (at > now) continue;
      if (await this.resume(id)) this.stopped.delete(id);
    }
    if (rng.int(0, 4) !== 0 || this.started.length === 0) return;
    const victim = rng.pick(this.started.slice(-6));
    try {
      const b = await this.api.StopBackfill({ id: victim.id });
      if (b.state === 'STOP') {
        this.counts.stops += 1;
        this.stopped.set(victim.id, now + rng.int(1_000, 4_000));
      }
    } catch {
      // Ended already (FAILED_PRECONDITION), or MySQL is down just now.
    }
  }

  /**
   * After the run: resumes every backfill left STOP or FAILED (a failed date's task fails only
   * its first attempt, so its recover succeeds), so each can end SUCCESS.
   */
  async resumeAll(): Promise<void> {
    for (const b of this.started) await this.resume(b.id, ['STOP', 'FAILED']);
  }

  private async resume(id: string, from: readonly string[] = ['STOP']): Promise<boolean> {
    try {
      const b = await this.api.GetBackfill({ id });
      if (!from.includes(b.state)) return true;
      await this.api.ResumeBackfill({ id });
      this.counts.resumes += 1;
      return true;
    } catch (err) {
      this.log(`backfill ${id}: resume failed: ${errorMessage(err)}`);
      return false;
    }
  }
}
