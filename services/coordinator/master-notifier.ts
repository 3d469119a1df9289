import { errorMessage } from '../../shared/errors.js';
import type { MemberDirectory } from '../../shared/etcd/member-directory.js';
import { makeServiceClient, type ChannelPool } from '../../shared/grpc/client.js';
import type { Logger } from '../../shared/log.js';
import { batonProto } from '../../shared/proto/load.js';
import type { Admission } from '../../shared/serial/serial-values.js';
import type { TaskGroupEntryValue } from '../../shared/task-groups/task-group-values.js';

/**
 * Pushes admissions and discards to the owning master. Fire and forget: the master also
 * watches the slot, re-asks on its own reconcile, and the coordinator's reconciler pushes again
 * to a holder that has not started, so one lost push is never a stuck instance.
 */
export class MasterNotifier {
  constructor(
    private readonly masters: MemberDirectory,
    private readonly channels: ChannelPool,
    private readonly log: Logger,
  ) {}

  notify(
    owner: string,
    workflow: string,
    admission: Admission,
    decision: 'ADMITTED' | 'DISCARDED',
  ): void {
    const { instanceId, ticket } = admission;
    const master = this.masters.get(owner);
    if (master === undefined) return;
    const client = makeServiceClient(
      batonProto().Master.service,
      this.channels.get(master.address),
    );
    client
      .NotifySerialDecision(
        { instance_id: instanceId, workflow, decision, ticket },
        { timeoutMs: 5_000 },
      )
      .catch((err: unknown) =>
        this.log.debug(
          { instance_id: instanceId, owner, err: errorMessage(err) },
          'serial decision push failed',
        ),
      );
  }

  /** A waiting task attempt was admitted to a slot of its group: its owner may dispatch it. */
  notifyTaskGroup(owner: string, group: string, admitted: TaskGroupEntryValue): void {
    const master = this.masters.get(owner);
    if (master === undefined) return;
    const client = makeServiceClient(
      batonProto().Master.service,
      this.channels.get(master.address),
    );
    const { instanceId, taskInstanceId } = admitted;
    client
      .NotifyTaskGroupAdmitted(
        { group, instance_id: instanceId, task_instance_id: taskInstanceId },
        { timeoutMs: 5_000 },
      )
      .catch((err: unknown) =>
        this.log.debug(
          { instance_id: instanceId, owner, err: errorMessage(err) },
          'task group admission push failed',
        ),
      );
  }
}
