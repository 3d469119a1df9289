import type { MemberDirectory } from '../../shared/etcd/member-directory.js';
import type { MemberInfo } from '../../shared/etcd/members.js';
import {
  makeServiceClient,
  type ChannelPool,
  type ServiceClient,
} from '../../shared/grpc/client.js';
import type { MasterDefinition } from '../../shared/proto/gen/baton/v1/Master.js';
import type { KillTaskRequest } from '../../shared/proto/gen/baton/v1/KillTaskRequest.js';
import type { KillTaskResponse__Output } from '../../shared/proto/gen/baton/v1/KillTaskResponse.js';
import type { RunTaskRequest } from '../../shared/proto/gen/baton/v1/RunTaskRequest.js';
import type { RunTaskResponse__Output } from '../../shared/proto/gen/baton/v1/RunTaskResponse.js';
import type { WorkerDefinition } from '../../shared/proto/gen/baton/v1/Worker.js';
import type { WorkerPort } from './run/run-ports.js';

const RUN_TASK_TIMEOUT_MS = 10_000;
const KILL_TASK_TIMEOUT_MS = 5_000;
import { batonProto } from '../../shared/proto/load.js';

/**
 * The master's view of its peers: live masters and workers (from etcd watches), clients to
 * reach them, and the load this master has put on each worker, used to spread tasks.
 */
export class ClusterView implements WorkerPort {
  private readonly load = new Map<string, number>();
  private cursor = 0;

  constructor(
    readonly masters: MemberDirectory,
    readonly workers: MemberDirectory,
    private readonly channels: ChannelPool,
  ) {}

  get(name: string): MemberInfo | undefined {
    return this.workers.get(name);
  }

  private workerClient(address: string): ServiceClient<WorkerDefinition> {
    return makeServiceClient(batonProto().Worker.service, this.channels.get(address));
  }

  runTask(worker: MemberInfo, request: RunTaskRequest): Promise<RunTaskResponse__Output> {
    return this.workerClient(worker.address).RunTask(request, { timeoutMs: RUN_TASK_TIMEOUT_MS });
  }

  killTask(worker: MemberInfo, request: KillTaskRequest): Promise<KillTaskResponse__Output> {
    return this.workerClient(worker.address).KillTask(request, {
      timeoutMs: KILL_TASK_TIMEOUT_MS,
    });
  }

  masterClient(address: string): ServiceClient<MasterDefinition> {
    return makeServiceClient(batonProto().Master.service, this.channels.get(address));
  }

  /**
   * The least loaded live worker of `group` (round-robin among equals), or undefined. A
   * draining worker is never picked: it refuses new tasks while it finishes its own.
   */
  pick(group: string): MemberInfo | undefined {
    const candidates = this.workers
      .list()
      .filter((w) => (w.group ?? 'default') === group && w.draining !== true);
    if (candidates.length === 0) return undefined;
    this.cursor = (this.cursor + 1) % candidates.length;
    let best: MemberInfo | undefined;
    let bestLoad = Infinity;
    for (let i = 0; i < candidates.length; i += 1) {
      const candidate = candidates[(this.cursor + i) % candidates.length]!;
      const load = this.load.get(candidate.name) ?? 0;
      if (load < bestLoad) {
        best = candidate;
        bestLoad = load;
      }
    }
    return best;
  }

  noteDispatched(worker: string): void {
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
  }

  noteFinished(worker: string | null): void {
    if (worker === null) return;
    const load = (this.load.get(worker) ?? 0) - 1;
    if (load <= 0) this.load.delete(worker);
    else this.load.set(worker, load);
  }
}
