import { ATTR, context, contextWith, failSpan, startSpan } from '../../shared/telemetry/tracing.js';
import { FailedPreconditionError, NotFoundError, StaleEpochError } from '../../shared/errors.js';
import { KeyedMutex } from '../../shared/keyed-mutex.js';
import type { ServiceHandlers } from '../../shared/grpc/server.js';
import {
  requireEpoch,
  requireId,
  requireNonEmpty,
  timestampOf,
} from '../../shared/grpc/validate.js';
import type { WorkerDefinition } from '../../shared/proto/gen/baton/v1/Worker.js';
import type { RunTaskRequest__Output } from '../../shared/proto/gen/baton/v1/RunTaskRequest.js';
import type { WorkerEnv } from './env.js';
import { AttemptOutputs } from './attempt-outputs.js';
import { logPathFor, readLogChunk } from './log-reader.js';
import { createOutputFile } from './output-file.js';
import type { ResultOutbox } from './result-outbox.js';
import type { TaskEntry, TaskRegistry } from './task-entry.js';
import { TaskProcess } from './task-process.js';
import { taskEnvironment } from './task-environment.js';
import { makeAttemptDir, type TaskSandbox } from './task-sandbox.js';

export interface WorkerDeps {
  env: WorkerEnv;
  /** Who tasks run as, and where. */
  sandbox: TaskSandbox;
  registry: TaskRegistry;
  outbox: ResultOutbox;
  isDraining: () => boolean;
  /** The member `startedAt` this worker is registered under now (see ServiceRuntime). */
  incarnation: () => string | undefined;
  /** The epoch of the instance's current owner in etcd, or undefined when it has none. */
  ownerEpoch: (instanceId: string) => Promise<bigint | undefined>;
}

export function workerHandlers(deps: WorkerDeps): ServiceHandlers<WorkerDefinition> {
  const { env, sandbox, registry, outbox } = deps;
  // One RunTask at a time per task: a dispatch and its retry arriving together must not both
  // find the task unknown and start it twice.
  const starts = new KeyedMutex();
  return {
    async RunTask(req) {
      const taskInstanceId = requireId(req.task_instance_id, 'task_instance_id');
      requireId(req.instance_id, 'instance_id');
      const epoch = requireEpoch(req.epoch);
      requireNonEmpty(req.owner_address, 'owner_address');
      // Meant for another incarnation of this name (e.g. the one that died at this address
      // before this process started, or this process before it lost its lease): that master
      // runs the task again elsewhere once it sees that incarnation gone, so running it here
      // would run it twice. Checked again after every wait below: the lease can go meanwhile.
      const assertIncarnation = (): void => {
        const self = deps.incarnation();
        if (req.worker_started_at !== '' && req.worker_started_at !== self)
          throw new FailedPreconditionError(
            `sent to the worker started at ${req.worker_started_at}; this one is ${self ?? 'not registered'}`,
          );
      };
      assertIncarnation();
      return starts.run(taskInstanceId, async () => {
        const known = registry.get(taskInstanceId);
        if (known !== undefined) return describeKnown(known, req, epoch);
        if (req.takeover_only)
          throw new NotFoundError(`task ${taskInstanceId} is not running on this worker`);
        requireNonEmpty(req.command, 'command');
        // A definite refusal (not UNAVAILABLE): the master knows the task did not start here.
        if (deps.isDraining()) throw new FailedPreconditionError('worker is draining');
        // A master that lost the instance (paused or cut off past its lease, then resumed) may
        // still send a dispatch it prepared before: only the owner etcd records now starts one.
        const owner = await deps.ownerEpoch(req.instance_id);
        if (owner !== epoch)
          throw new StaleEpochError(
            `epoch ${epoch} does not own instance ${req.instance_id} (owner epoch: ${owner ?? 'none'})`,
          );
        assertIncarnation();
        const incarnationAtStart = deps.incarnation();
        const cwd = await makeAttemptDir(sandbox, taskInstanceId);
        const outputFile = await createOutputFile(cwd, sandbox.runAs);
        const process = await TaskProcess.start({
          command: req.command,
          env: taskEnvironment(env.TASK_ENV_ALLOWLIST, req, {
            // Another user's task gets its own directory as HOME, not the worker's (/root).
            home: sandbox.runAs && cwd,
            outputFile: outputFile.path,
          }),
          cwd,
          logPath: logPathFor(env.WORKER_DATA_DIR, taskInstanceId),
          maxLogBytes: sandbox.maxLogBytes,
          pipes: sandbox.pipes,
          runAs: sandbox.runAs,
          timeoutMs: Number(req.timeout_ms),
          killGraceMs: env.TASK_KILL_GRACE_MS,
          outputs: new AttemptOutputs(req.outputs, outputFile),
        });
        // Lives as long as the task; the result report is sent inside it.
        const span = startSpan('baton.task.run', {
          attributes: {
            [ATTR.instanceId]: req.instance_id,
            [ATTR.workflow]: req.workflow,
            [ATTR.task]: req.task_name,
            [ATTR.attempt]: req.attempt,
            [ATTR.taskInstanceId]: taskInstanceId,
            [ATTR.epoch]: epoch.toString(),
            'process.pid': process.pid,
          },
        });
        const entry: TaskEntry = {
          taskInstanceId,
          instanceId: req.instance_id,
          taskName: req.task_name,
          attempt: req.attempt,
          epoch,
          owner: req.owner,
          ownerAddress: req.owner_address,
          process,
          outcome: undefined,
          wake: undefined,
        };
        registry.add(entry);
        void process.done.then((outcome) => {
          entry.outcome = outcome;
          span.setAttribute(ATTR.state, outcome.state);
          if (outcome.exitCode !== null) span.setAttribute('process.exit.code', outcome.exitCode);
          if (outcome.state !== 'SUCCESS') failSpan(span, new Error(outcome.reason));
          span.end();
          context.with(contextWith(span), () => outbox.deliver(entry));
        });
        if (deps.incarnation() !== incarnationAtStart) {
          // The lease went while the process was spawning, before the lease-loss handler
          // could see it: kill it like the others, and refuse once it is gone.
          process.kill('worker lost its lease while starting the task', true);
          await process.done;
          assertIncarnation();
        }
        return {
          started_at: process.startedAt.toISOString(),
          pid: process.pid,
          already_known: false,
          state: 'RUNNING',
        };
      });
    },

    async KillTask(req) {
      const entry = registry.get(requireId(req.task_instance_id, 'task_instance_id'));
      const epoch = requireEpoch(req.epoch);
      if (entry === undefined) return Promise.resolve({ known: false });
      if (epoch < entry.epoch)
        throw new StaleEpochError(`epoch ${epoch} is older than the task's ${entry.epoch}`);
      entry.process.kill(req.reason || 'killed by its master');
      return Promise.resolve({ known: true });
    },

    async ReadLog(req) {
      const taskInstanceId = requireId(req.task_instance_id, 'task_instance_id');
      const offset = Number(req.offset);
      const chunk = await readLogChunk(
        logPathFor(env.WORKER_DATA_DIR, taskInstanceId),
        offset,
        req.limit || 1 << 20,
      );
      const running =
        registry.get(taskInstanceId)?.outcome === undefined &&
        registry.get(taskInstanceId) !== undefined;
      return {
        content: chunk.content,
        next_offset: String(chunk.nextOffset),
        complete: !running && chunk.nextOffset >= chunk.size,
      };
    },
  };
}

/**
 * A RunTask for a task already here: the dispatch was retried, or a new owner is taking the
 * task over after a failover. A newer epoch re-points the result to the new owner.
 */
function describeKnown(entry: TaskEntry, req: RunTaskRequest__Output, epoch: bigint) {
  if (epoch < entry.epoch)
    throw new StaleEpochError(`epoch ${epoch} is older than the task's ${entry.epoch}`);
  if (epoch > entry.epoch) {
    entry.epoch = epoch;
    entry.owner = req.owner;
    entry.ownerAddress = req.owner_address;
    entry.wake?.();
  }
  return Promise.resolve({
    started_at: timestampOf(entry.process.startedAt),
    pid: entry.process.pid,
    already_known: true,
    state: entry.outcome?.state ?? 'RUNNING',
  });
}
