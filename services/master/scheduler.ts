import {
  ATTR,
  contextWith,
  ROOT_CONTEXT,
  startSpan,
  traceparentOf,
} from '../../shared/telemetry/tracing.js';
import type { Watcher } from 'etcd3';
import { mergeParams } from '../../shared/domain/params.js';
import { missedFires } from '../../shared/domain/missed-fires.js';
import { nextFireTime, type Schedule } from '../../shared/domain/schedule.js';
import type { WorkflowDefinitionSpec } from '../../shared/domain/workflow-spec.js';
import { errorMessage } from '../../shared/errors.js';
import type { LeaderElection } from '../../shared/etcd/leader-election.js';
import type { ServiceRuntime } from '../../shared/service-runtime.js';
import type { ScheduleStore } from './store/schedule-store.js';

interface Scheduled {
  workflow: string;
  version: number;
  spec: WorkflowDefinitionSpec;
  schedule: Schedule;
  /** The next fire time this leader will act on. */
  next: Date | undefined;
}

/** Reload anyway this often (a missed change notice, a clock jump). */
const RELOAD_MS = 60_000;

/**
 * Fires cron schedules. Only the elected master (LeaderElection) fires; each fire time starts
 * exactly one instance because `(workflow, scheduled_at)` is UNIQUE in MySQL, so even two
 * leaders overlapping for a moment cannot start it twice. After a leader change or downtime,
 * the fire times missed are fired by the schedule's `missed` policy (the latest only, all of
 * them in order, or none); a new schedule starts from when its version was applied and a
 * schedule put back online from when it was, never backfilling. An offline schedule (`baton
 * schedule pause`) is not loaded at all; fire times outside `startAt`/`endAt` never fire.
 */
export class Scheduler {
  private scheduled: Scheduled[] = [];
  private timer: NodeJS.Timeout | undefined;
  private watcher: Watcher | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly store: ScheduleStore,
    private readonly election: LeaderElection,
    private readonly submit: (instanceId: string) => void,
  ) {}

  async start(): Promise<void> {
    this.watcher = await this.runtime.etcd
      .watch()
      .key(this.runtime.keys.definitionsChanged())
      .create();
    this.watcher.on('put', () => this.reload());
    this.election.on('elected', () => this.reload());
    this.election.on('deposed', () => this.clear());
    if (this.election.isLeader()) this.reload();
  }

  private reload(): void {
    if (!this.election.isLeader()) return;
    this.loading ??= this.load()
      .catch((err: unknown) =>
        this.runtime.log.warn({ err: errorMessage(err) }, 'loading schedules failed'),
      )
      .finally(() => {
        this.loading = undefined;
        this.arm();
      });
  }

  private async load(): Promise<void> {
    const rows = await this.store.latestVersions();
    const lastFired = await this.store.lastFireTimes();
    const now = new Date();
    this.scheduled = [];
    for (const row of rows) {
      const { spec } = row;
      if (!spec.schedule || !row.online) continue;
      const since = latestOf([lastFired.get(row.name), row.appliedAt, row.stateChangedAt]);
      const entry: Scheduled = {
        workflow: row.name,
        version: row.version,
        spec,
        schedule: spec.schedule,
        next: undefined,
      };
      const missed = missedFires(spec.schedule, since, now);
      if (missed.truncated)
        this.runtime.log.warn(
          { workflow: row.name, fired: missed.fires.length },
          'more missed fire times than `missed: all` fires; the oldest are not fired',
        );
      for (const at of missed.fires) await this.fire(entry, at);
      entry.next = nextFireTime(spec.schedule, now);
      this.scheduled.push(entry);
    }
    this.runtime.log.info({ schedules: this.scheduled.length }, 'schedules loaded');
  }

  /** One timer, for the earliest next fire time (or the periodic reload, if sooner). */
  private arm(): void {
    clearTimeout(this.timer);
    if (!this.election.isLeader()) return;
    const next = Math.min(...this.scheduled.map((s) => s.next?.getTime() ?? Infinity));
    const delay = Math.min(RELOAD_MS, Math.max(0, next - Date.now()));
    this.timer = setTimeout(() => void this.tick(next), delay);
  }

  private async tick(due: number): Promise<void> {
    if (Date.now() >= due) {
      for (const entry of this.scheduled) {
        if (entry.next === undefined || entry.next.getTime() > Date.now()) continue;
        const at = entry.next;
        entry.next = nextFireTime(entry.schedule, at);
        await this.fire(entry, at).catch((err: unknown) =>
          this.runtime.log.warn(
            { workflow: entry.workflow, err: errorMessage(err) },
            'schedule fire failed',
          ),
        );
      }
      this.arm();
    } else {
      this.reload();
    }
  }

  /** Starts the instance of one fire time, unless it exists already (UNIQUE). */
  private async fire(entry: Scheduled, at: Date): Promise<void> {
    if (!this.election.isLeader()) return;
    // Each fire is the root of its instance's trace.
    const span = startSpan('baton.schedule.fire', {
      parent: ROOT_CONTEXT,
      attributes: { [ATTR.workflow]: entry.workflow, 'baton.schedule.time': at.toISOString() },
    });
    const id = await this.store
      .recordFire({
        workflow: entry.workflow,
        version: entry.version,
        executionType: entry.spec.executionType,
        params: mergeParams(entry.spec.params, { 'system.schedule.time': at.toISOString() }),
        fireTime: at,
        actor: `scheduler@${this.runtime.name}`,
        reason: `schedule ${entry.schedule.cron} (${entry.schedule.timezone})`,
        traceParent: traceparentOf(contextWith(span, ROOT_CONTEXT)),
      })
      .finally(() => span.end());
    // A duplicate fire (UNIQUE) inserted nothing; its span stays in the trace of no instance.
    if (id === undefined) return;
    this.runtime.log.info(
      { workflow: entry.workflow, at: at.toISOString(), instance_id: id },
      'schedule fired',
    );
    this.submit(id);
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.scheduled = [];
  }

  async stop(): Promise<void> {
    this.clear();
    await this.watcher?.cancel();
  }
}

/** The latest of some times (the ones known). */
function latestOf(times: (Date | null | undefined)[]): Date {
  const known = times.filter((t): t is Date => t instanceof Date);
  return new Date(Math.max(...known.map((t) => t.getTime())));
}
