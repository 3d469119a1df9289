import { errorMessage } from '../../shared/errors.js';
import { claimOwnership, readOwnership, releaseOwnership } from '../../shared/etcd/ownership.js';
import type { ServiceRuntime } from '../../shared/service-runtime.js';
import type { DefinitionCache } from './definition-cache.js';
import type { InstanceStore } from './instance-store.js';
import { InstanceRun } from './instance-run.js';
import type { RunDeps } from './run-deps.js';
import { taskRunsFromRows } from './run-model.js';

export interface Adoption {
  owner: string;
  epoch: bigint;
}

/**
 * The instances this master owns. Adopting one is: claim it in etcd (`create_revision == 0`
 * under this master's lease; the revision is the epoch), record the claim in MySQL if that
 * epoch is newer than the row's, rebuild its state from MySQL, and run it.
 */
export class OwnedInstances {
  private readonly runs = new Map<string, InstanceRun>();
  private readonly adopting = new Map<string, Promise<Adoption | undefined>>();

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly store: InstanceStore,
    private readonly definitions: DefinitionCache,
    private readonly makeDeps: (owned: OwnedInstances) => RunDeps,
  ) {}

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

  private async claimAndStart(instanceId: string): Promise<Adoption | undefined> {
    const { etcd, keys, name } = this.runtime;
    const epoch = await claimOwnership(etcd, keys, instanceId, name, this.runtime.lease);
    if (epoch === undefined) {
      const owner = await readOwnership(etcd, keys, instanceId);
      this.runtime.log.debug({ instance_id: instanceId, owner: owner?.holder }, 'already owned');
      return owner === undefined ? undefined : { owner: owner.holder, epoch: owner.epoch };
    }
    try {
      const row = await this.store.claim(instanceId, epoch);
      if (row === undefined) {
        this.runtime.log.info(
          { instance_id: instanceId, epoch: epoch.toString() },
          'claim moot: ended or newer owner',
        );
        await releaseOwnership(etcd, keys, instanceId, epoch);
        return undefined;
      }
      const spec = await this.definitions.get(row.workflow, row.version);
      const taskRows = await this.store.db
        .selectFrom('task_instances')
        .selectAll()
        .where('instance_id', '=', instanceId)
        .execute();
      const run = new InstanceRun(
        row,
        epoch,
        spec,
        taskRunsFromRows(spec.tasks, taskRows),
        this.makeDeps(this),
      );
      this.runs.set(instanceId, run);
      run.log.info({ state: run.currentState }, 'adopted');
      run.start();
      return { owner: name, epoch };
    } catch (err) {
      await releaseOwnership(etcd, keys, instanceId, epoch).catch(() => undefined);
      throw err;
    }
  }

  /** The run ended: forget it and delete its owner key. */
  ended(instanceId: string, epoch: bigint): void {
    this.forget(instanceId, epoch, true);
  }

  /** The run dropped itself: forget it; release the owner key if it is still ours. */
  forget(instanceId: string, epoch: bigint, release: boolean): void {
    const run = this.runs.get(instanceId);
    if (run !== undefined && run.epoch === epoch) this.runs.delete(instanceId);
    if (!release) return;
    releaseOwnership(this.runtime.etcd, this.runtime.keys, instanceId, epoch).catch(
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
