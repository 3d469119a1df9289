import { errorMessage, FailedPreconditionError, NotFoundError } from '../../shared/errors.js';
import { parseMemberInfo } from '../../shared/etcd/members.js';
import { readOwnership } from '../../shared/etcd/ownership.js';
import { makeServiceClient } from '../../shared/grpc/client.js';
import { batonProto } from '../../shared/proto/load.js';
import type { ServiceRuntime } from '../../shared/service-runtime.js';
import type { TaskEntry, TaskRegistry } from './task-entry.js';

const MAX_BACKOFF_MS = 5_000;

/** What the outbox needs of the worker's runtime: who it is, and how to reach and find owners. */
export type OutboxRuntime = Pick<ServiceRuntime, 'name' | 'log' | 'channels' | 'etcd' | 'keys'>;

/**
 * Delivers finished tasks' results to the instance's current owner and keeps each result until
 * that owner acknowledges it (DESIGN: workers never lose a result). A refusal for a stale epoch
 * or an unreachable owner sends the worker to etcd to look the owner up again.
 */
export class ResultOutbox {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly runtime: OutboxRuntime,
    private readonly registry: TaskRegistry,
  ) {}

  /** Starts delivering `entry`'s outcome in the background. */
  deliver(entry: TaskEntry): void {
    const delivery = this.deliverUntilAcked(entry).finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  /** Resolves when every pending result is delivered (or `timeoutMs` passes). */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.inFlight]), sleep(deadline - Date.now())]);
    }
  }

  private async deliverUntilAcked(entry: TaskEntry): Promise<void> {
    const log = this.runtime.log.child({
      instance_id: entry.instanceId,
      task_instance_id: entry.taskInstanceId,
    });
    let backoffMs = 100;
    for (;;) {
      const outcome = entry.outcome;
      if (outcome === undefined) throw new Error('deliver called before the task ended');
      try {
        const master = makeServiceClient(
          batonProto().Master.service,
          this.runtime.channels.get(entry.ownerAddress),
        );
        await master.ReportTask(
          {
            task_instance_id: entry.taskInstanceId,
            instance_id: entry.instanceId,
            epoch: entry.epoch.toString(),
            worker: this.runtime.name,
            state: outcome.state,
            exit_code: outcome.exitCode ?? 0,
            has_exit_code: outcome.exitCode !== null,
            started_at: entry.process.startedAt.toISOString(),
            ended_at: outcome.endedAt.toISOString(),
            reason: outcome.reason,
            outputs: outcome.outputs,
          },
          { timeoutMs: 5_000 },
        );
        this.registry.remove(entry.taskInstanceId);
        log.debug({ state: outcome.state }, 'result acknowledged');
        return;
      } catch (err) {
        if (err instanceof FailedPreconditionError) {
          // The owner says the result is moot (the task or instance already ended otherwise).
          log.info({ reason: errorMessage(err) }, 'result declined by owner');
          this.registry.remove(entry.taskInstanceId);
          return;
        }
        log.debug(
          { err: errorMessage(err), address: entry.ownerAddress },
          'report not accepted; looking up the owner',
        );
      }
      const moved = await this.refreshOwner(entry).catch(() => false);
      if (!moved) {
        await this.waitOrWake(entry, backoffMs);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
      }
    }
  }

  /** Points `entry` at the owner etcd names now; true if that changed where to report. */
  private async refreshOwner(entry: TaskEntry): Promise<boolean> {
    const { etcd, keys } = this.runtime;
    const ownership = await readOwnership(etcd, keys, entry.instanceId);
    if (ownership === undefined) return false;
    const raw = await etcd.get(keys.member('master', ownership.holder)).string();
    const info = raw === null ? undefined : parseMemberInfo(raw);
    if (info === undefined) throw new NotFoundError(`owner ${ownership.holder} is not registered`);
    if (info.address === entry.ownerAddress) return false;
    entry.owner = ownership.holder;
    entry.ownerAddress = info.address;
    return true;
  }

  private waitOrWake(entry: TaskEntry, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        entry.wake = undefined;
        resolve();
      }
      entry.wake = done;
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
