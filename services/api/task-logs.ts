import type { Db } from '../../shared/db/connect.js';
import {
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
} from '../../shared/errors.js';
import type { MemberDirectory } from '../../shared/etcd/member-directory.js';
import { makeServiceClient, type ChannelPool } from '../../shared/grpc/client.js';
import type { CallContext } from '../../shared/grpc/call-context.js';
import { requireId } from '../../shared/grpc/validate.js';
import type { GetTaskLogRequest__Output } from '../../shared/proto/gen/baton/v1/GetTaskLogRequest.js';
import type { TaskLog } from '../../shared/proto/gen/baton/v1/TaskLog.js';
import { batonProto } from '../../shared/proto/load.js';
import { requireName } from './instances.js';

/**
 * Task logs live on the worker that ran the attempt (as in DolphinScheduler); the api finds
 * that worker in the registry and reads from it.
 */
export async function readTaskLog(
  db: Db,
  workers: MemberDirectory,
  channels: ChannelPool,
  req: GetTaskLogRequest__Output,
  ctx: CallContext,
): Promise<TaskLog> {
  const instanceId = requireId(req.instance_id, 'instance_id');
  requireName(req.task, 'task');
  if (req.attempt < 0)
    throw new InvalidArgumentError('attempt', 'must be 0 (latest) or a positive attempt number');
  if (Number(req.offset) < 0) throw new InvalidArgumentError('offset', 'must not be negative');
  let query = db
    .selectFrom('task_instances')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('task', '=', req.task);
  query =
    req.attempt === 0
      ? query.orderBy('attempt', 'desc').limit(1)
      : query.where('attempt', '=', req.attempt);
  const task = await query.executeTakeFirst();
  if (task === undefined) {
    throw new NotFoundError(
      `instance ${instanceId} has no task ${req.task}${req.attempt ? ` attempt ${req.attempt}` : ''}`,
    );
  }
  if (task.type === 'SUB_WORKFLOW') {
    throw new FailedPreconditionError(
      `task ${req.task} is a sub-workflow; see the logs of child instance ${task.child_instance_id ?? '(not created yet)'}`,
    );
  }
  if (task.worker === null)
    throw new FailedPreconditionError(`task ${req.task} has not been dispatched to a worker yet`);
  const worker = workers.get(task.worker);
  if (worker === undefined) {
    throw new FailedPreconditionError(
      `worker ${task.worker}, which ran task ${req.task}, is not running; its log is on that machine`,
    );
  }
  const client = makeServiceClient(batonProto().Worker.service, channels.get(worker.address));
  const chunk = await client.ReadLog(
    { task_instance_id: task.id, offset: req.offset, limit: req.limit },
    { parent: ctx, timeoutMs: 10_000 },
  );
  return {
    content: chunk.content,
    next_offset: chunk.next_offset,
    complete: chunk.complete,
    worker: task.worker,
    attempt: task.attempt,
  };
}
