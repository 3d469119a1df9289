import { ATTR, contextOf, contextWith, startSpan } from '../../../shared/telemetry/tracing.js';
import type { InstanceRow } from '../../../shared/db/schema.js';
import { errorMessage } from '../../../shared/errors.js';
import {
  claimOwnership,
  claimOwnershipBatch,
  readOwnership,
  readOwnerships,
  releaseOwnership,
} from '../../../shared/etcd/ownership.js';
import type { ServiceRuntime } from '../../../shared/service-runtime.js';
import { EventEmitter } from 'node:events';
import type { DefinitionCache } from '../store/definition-cache.js';
import { InstanceRun } from '../run/instance-run.js';
import type { RunDropped, RunEnded } from '../run/run-events.js';
import type { RunPorts } from '../run/run-ports.js';
import { taskRunsFromRows } from '../run/run-model.js';
import type { ClaimStore } from '../store/claim-store.js';
import type { InstanceStore } from '../store/instance-store.js';

export interface Adoption {
  owner: string;
  epoch: bigint;
}

/** Instances claimed together on failover (one etcd transaction, one MySQL transaction). */
const BATCH = 64;

interface OwnedInstancesEvents {
  /**
   * A run reset itself and its owner key is released: the instance is still ours in MySQL, and
   * a reconciler pass (after this, so the release cannot undo the re-claim) takes it back.
   */
  reset: [instanceId: string];
}

/**
 * The instances this master owns. Adopting one is: claim it in etcd (`create_revision == 0`
 * under this master's lease; the revision is the epoch), record the claim in MySQL if that
 * epoch is newer than the row's, rebuild its state from MySQL, and run it. Runs say when they
 * end or drop themselves on `ports.events`; this listens and lets go of them.
 */
export class OwnedInstances extends EventEmitter<OwnedInstancesEvents> {
  private readonly runs = new Map<string, InstanceRun>();
  private readonly adopting = new Map<string, Promise<Adoption | undefined>>();

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly store: InstanceStore,
    private readonly claims: ClaimStore,
    private readonly definitions: DefinitionCache,
    private readonly ports: RunPorts,
  ) {
    super();
    ports.events.on('ended', (e: RunEnded) => void this.forget(e.instanceId, e.epoch, true));
    ports.events.on('dropped', (e: RunDropped) => {
      void this.forget(e.instanceId, e.epoch, e.release).then(() => {
        if (e.release) this.emit('reset', e.instanceId);
      });
    });
  }

  get(instanceId: string): InstanceRun | undefined {
    return this.runs.get(instanceId);
  }

  all(): InstanceRun[] {
    return [...this.runs.values()];
  }

  get size(): number {
    return this.runs.size;
  }

  /**
   * Claims and starts `instanceId` unless another master owns it. Returns who owns it now, or
   * undefined when nobody should (it has ended, or does not exist). Concurrent calls for one id
   * share the same attempt.
   */
  adopt(instanceId: string): Promise<Adoption | undefined> {
    const run = this.runs.get(instanceId);
    if (run !== undefined) return Promise.resolve({ owner: this.runtime.name, epoch: run.epoch });
    let pending = this.adopting.get(instanceId);
    if (pending === undefined) {
      pending = this.claimAndStart(instanceId).finally(() => this.adopting.delete(instanceId));
      this.adopting.set(instanceId, pending);
    }
    return pending;
  }

  /**
   * Adopts many at once (a dead master's instances), `BATCH` per etcd and MySQL transaction. A
   * batch that finds any key owned already falls back to claiming its instances one by one.
   */
  async adoptMany(instanceIds: readonly string[]): Promise<void> {
    const todo = instanceIds.filter((id) => !this.runs.has(id) && !this.adopting.has(id));
    for (let i = 0; i < todo.length && this.runtime.lease.isFresh(); i += BATCH) {
      const chunk = todo
        .slice(i, i + BATCH)
        .filter((id) => !this.runs.has(id) && !this.adopting.has(id));
      const done = this.claimBatch(chunk);
      for (const id of chunk) {
        const pending = done
          .then((adopted) => (adopted.has(id) ? this.adoption(id) : undefined))
          .finally(() => this.adopting.delete(id));
        // A caller of `adopt` sharing this attempt sees its failure; without one, a failed
        // batch (logged below) must not become an unhandled rejection, which ends the process.
        pending.catch(() => undefined);
        this.adopting.set(id, pending);
      }
      await done.catch((err: unknown) =>
        this.runtime.log.warn({ err: errorMessage(err) }, 'batch adoption failed'),
      );
    }
  }

  private adoption(instanceId: string): Adoption | undefined {
    const run = this.runs.get(instanceId);
    return run === undefined ? undefined : { owner: this.runtime.name, epoch: run.epoch };
  }

  private async claimBatch(ids: string[]): Promise<Set<string>> {
    const { etcd, keys, name, lease } = this.runtime;
    if (ids.length === 0) return new Set();
    const epoch = await claimOwnershipBatch(etcd, keys, ids, name, lease);
    if (epoch === undefined) {
      // Some are owned already. One batched read of the owner keys, then claims of only those
      // nobody else holds: claiming each one by one cost a transaction and two single-key reads
      // per id, all at once, and that for ids that stay held (issue 12).
      const owners = await readOwnerships(etcd, keys, ids, this.runtime.bulk);
      const free = ids.filter((id) => (owners.get(id)?.holder ?? name) === name);
      const results = await Promise.all(
        free.map((id) => this.claimAndStart(id).catch(() => undefined)),
      );
      return new Set(free.filter((_, k) => results[k]?.owner === name));
    }
    try {
      const rows = await this.claims.claimMany(ids, epoch);
      const claimed = new Set(rows.map((r) => r.id));
      await Promise.all(
        ids.filter((id) => !claimed.has(id)).map((id) => releaseOwnership(etcd, keys, id, epoch)),
      );
      const taskRows = await this.store.taskRows([...claimed]);
      for (const row of rows) {
        await this.startRun(
          row,
          epoch,
          taskRows.filter((t) => t.instance_id === row.id),
        );
      }
      return claimed;
    } catch (err) {
      await Promise.all(
        ids.map((id) => releaseOwnership(etcd, keys, id, epoch).catch(() => undefined)),
      );
      throw err;
    }
  }

  private async claimAndStart(instanceId: string): Promise<Adoption | undefined> {
    const { etcd, keys, name } = this.runtime;
    const epoch = await claimOwnership(etcd, keys, instanceId, name, this.runtime.lease);
    if (epoch === undefined) {
      const owner = await readOwnership(etcd, keys, instanceId);
      this.runtime.log.debug({ instance_id: instanceId, owner: owner?.holder }, 'already owned');
      return owner === undefined ? undefined : { owner: owner.holder, epoch: owner.epoch };
    }
    try {
      const row = await this.claims.claim(instanceId, epoch);
      if (row === undefined) {
        this.runtime.log.info(
          { instance_id: instanceId, epoch: epoch.toString() },
          'claim moot: ended or newer owner',
        );
        await releaseOwnership(etcd, keys, instanceId, epoch);
        return undefined;
      }
      const taskRows = await this.store.taskRows([instanceId]);
      await this.startRun(row, epoch, taskRows);
      return { owner: name, epoch };
    } catch (err) {
      await releaseOwnership(etcd, keys, instanceId, epoch).catch(() => undefined);
      throw err;
    }
  }

  /** Rebuilds a claimed instance's state from its rows and runs it. */
  private async startRun(
    row: InstanceRow,
    epoch: bigint,
    taskRows: Parameters<typeof taskRunsFromRows>[1],
  ): Promise<void> {
    const spec = await this.definitions.get(row.workflow, row.version);
    // Continues the instance's trace from its row; a resumed instance (one that ran under an
    // earlier owner) shows as a takeover beside that owner's spans.
    const resumed = row.state !== 'SUBMITTED';
    const span = startSpan('baton.instance.run', {
      parent: contextOf(row.trace_parent),
      attributes: {
        [ATTR.instanceId]: row.id,
        [ATTR.workflow]: row.workflow,
        [ATTR.epoch]: epoch.toString(),
        [ATTR.owner]: this.runtime.name,
        [ATTR.state]: row.state,
        'baton.takeover': resumed,
      },
    });
    span.end();
    const run = new InstanceRun(
      row,
      epoch,
      spec,
      taskRunsFromRows(spec.tasks, taskRows),
      this.ports,
      contextWith(span, contextOf(row.trace_parent)),
    );
    this.runs.set(row.id, run);
    run.log.info({ state: run.currentState }, resumed ? 'adopted (resumed)' : 'adopted');
    run.start();
  }

  /**
   * The run dropped itself: forget it; release the owner key if it is still ours. Resolves once
   * the release is done or has failed (the key then expires with the lease); never rejects.
   */
  private async forget(instanceId: string, epoch: bigint, release: boolean): Promise<void> {
    const run = this.runs.get(instanceId);
    if (run !== undefined && run.epoch === epoch) this.runs.delete(instanceId);
    if (!release) return;
    await releaseOwnership(this.runtime.etcd, this.runtime.keys, instanceId, epoch).catch(
      (err: unknown) =>
        this.runtime.log.warn(
          { instance_id: instanceId, err: errorMessage(err) },
          'owner key release failed; it expires with the lease',
        ),
    );
  }

  /** Forgets every run without writing (the lease is gone: others own them now). */
  dropAll(): void {
    for (const run of this.runs.values()) run.drop();
    this.runs.clear();
  }
}
