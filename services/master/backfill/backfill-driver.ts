import type { Watcher } from 'etcd3';
import { mergeParams, parseStoredParams } from '../../../shared/domain/params.js';
import type { WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import { errorMessage } from '../../../shared/errors.js';
import type { LeaderElection } from '../../../shared/etcd/leader-election.js';
import { KeyedMutex } from '../../../shared/keyed-mutex.js';
import { racePoint } from '../../../shared/race-points.js';
import type { ServiceRuntime } from '../../../shared/service-runtime.js';
import {
  contextWith,
  ROOT_CONTEXT,
  startSpan,
  traceparentOf,
} from '../../../shared/telemetry/tracing.js';
import type { BackfillState, OnFailure } from '../../../shared/domain/backfill-dates.js';
import { planBackfill } from './backfill-plan.js';
import { rerunOf, type BackfillStore, type StepDecision } from '../store/backfill-store.js';
import type { BackfillRow } from '../../../shared/db/schema.js';
import type { DateInstances } from './backfill-plan.js';

/**
 * Drives backfills. The elected scheduler master owns every active backfill under its leader
 * term (recorded as the row's `owner_epoch`; see BackfillStore for the fencing). A pass over
 * one backfill — one at a time per backfill — reads its dates' instances under the row's lock,
 * records the instances of the dates it may start (in order, up to `parallel` running) and the
 * progress, then hands the new instances to masters (a lost hand-off is adopted by a
 * reconciler). Passes run when the api records or changes a backfill and when one of its
 * instances ends (both put `backfills/changed`, which this watches), and every interval for
 * each active backfill as a backstop. A new leader takes every active backfill over at once.
 */
export class BackfillDriver {
  private term: bigint | undefined;
  private readonly owned = new Set<string>();
  private readonly passes = new KeyedMutex();
  private readonly specs = new Map<string, WorkflowDefinitionSpec>();
  private watcher: Watcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly store: BackfillStore,
    private readonly election: LeaderElection,
    private readonly submit: (instanceId: string) => void,
    private readonly intervalMs: number,
  ) {}

  async start(): Promise<void> {
    this.watcher = await this.runtime.etcd
      .watch()
      .key(this.runtime.keys.backfillsChanged())
      .create();
    this.watcher.on('put', (kv) => void this.pass(kv.value.toString()));
    this.election.on('elected', (term) => {
      this.term = term;
      this.owned.clear();
      void this.sweep();
    });
    this.election.on('deposed', () => {
      this.term = undefined;
      this.owned.clear();
    });
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.term = undefined;
    await this.watcher?.cancel();
  }

  private async sweep(): Promise<void> {
    if (!this.leads()) return;
    try {
      for (const id of await this.store.activeIds()) await this.pass(id);
    } catch (err) {
      this.runtime.log.warn({ err: errorMessage(err) }, 'backfill sweep failed');
    }
  }

  private leads(): boolean {
    return this.term !== undefined && this.election.isLeader();
  }

  private pass(id: string): Promise<void> {
    if (!/^\d+$/.test(id)) return Promise.resolve();
    return this.passes
      .run(id, async () => {
        const term = this.term;
        if (term === undefined || !this.leads()) return;
        if (!this.owned.has(id)) {
          if (!(await this.store.claim(id, term))) return;
          this.owned.add(id);
        }
        const spec = await this.specOf(id);
        await racePoint('master.backfill.before-step', id, this.runtime.name);
        const span = startSpan('baton.backfill.step', {
          parent: ROOT_CONTEXT,
          attributes: { 'baton.backfill.id': id },
        });
        const traceParent = traceparentOf(contextWith(span, ROOT_CONTEXT));
        try {
          const result = await this.store.step(id, term, (row, instances) =>
            decide(row, instances, spec, traceParent),
          );
          if (result === undefined) {
            this.owned.delete(id);
            return;
          }
          span.setAttribute('baton.backfill.started', result.started.length);
          if (result.started.length > 0)
            await racePoint('master.backfill.after-start-commit', id, ...result.started);
          for (const instanceId of result.started) this.submit(instanceId);
          if (result.ended) this.runtime.log.info({ backfill: id }, 'backfill ended');
        } finally {
          span.end();
        }
      })
      .catch((err: unknown) =>
        this.runtime.log.warn({ backfill: id, err: errorMessage(err) }, 'backfill pass failed'),
      );
  }

  private async specOf(id: string): Promise<WorkflowDefinitionSpec> {
    const cached = this.specs.get(id);
    if (cached !== undefined) return cached;
    const spec = await this.store.specOfBackfill(id);
    this.specs.set(id, spec);
    return spec;
  }
}

function decide(
  row: BackfillRow,
  instances: DateInstances,
  spec: WorkflowDefinitionSpec,
  traceParent: string | null,
): StepDecision {
  const fireTimes = (JSON.parse(row.fire_times) as string[]).map((t) => Date.parse(t));
  const step = planBackfill(
    {
      state: row.state as BackfillState,
      fireTimes,
      parallel: row.parallel,
      onFailure: row.on_failure as OnFailure,
      rerun: new Set(rerunOf(row)),
    },
    instances,
  );
  const given = mergeParams(spec.params, parseStoredParams(row.params));
  return {
    step,
    startOf: (at) => {
      const iso = new Date(at).toISOString();
      return {
        executionType: spec.executionType,
        params: mergeParams(given, { 'system.schedule.time': iso }),
        reason: `backfill ${row.id}: date ${iso}`,
        traceParent,
      };
    },
  };
}
