import {
  ATTR,
  trace,
  type Attributes,
  type SpanOptions,
} from '../../../shared/telemetry/tracing.js';
import { isActiveTaskState, type TaskState } from '../../../shared/domain/task-states.js';
import { FailedPreconditionError } from '../../../shared/errors.js';
import type { TaskRecords } from './task-records.js';

export interface TaskReportEvent {
  taskInstanceId: string;
  state: 'SUCCESS' | 'FAILURE' | 'KILL';
  exitCode: number | null;
  startedAt: Date | undefined;
  endedAt: Date;
  reason: string;
  /** The declared OUT params the task set (SUCCESS only). */
  outputs: Record<string, string>;
}

/**
 * Records a worker's result for the current attempt. Returns false for a re-delivered result
 * (already recorded). A kill this master did not ask for (the worker shut down, say) hands the
 * task back: NEED_FAULT_TOLERANCE, so it runs again elsewhere.
 *
 * @throws FailedPreconditionError when the attempt is not current or ended otherwise: the
 *   worker drops the result.
 */
export async function applyTaskReport(
  tasks: TaskRecords,
  report: TaskReportEvent,
): Promise<boolean> {
  const task = tasks.byId(report.taskInstanceId);
  if (task === undefined)
    throw new FailedPreconditionError(`task instance ${report.taskInstanceId} is not current`);
  if (!isActiveTaskState(task.state)) {
    if (task.state === report.state) return false;
    throw new FailedPreconditionError(
      `task instance ${report.taskInstanceId} already ended ${task.state}`,
    );
  }
  const to: TaskState =
    report.state === 'KILL' && !task.killRequested ? 'NEED_FAULT_TOLERANCE' : report.state;
  const startedAt =
    task.startedAt === null && report.startedAt !== undefined
      ? { startedAt: report.startedAt }
      : {};
  await tasks.transition(
    task,
    to,
    {
      endedAt: report.endedAt,
      exitCode: report.exitCode,
      ...startedAt,
      ...(to === 'SUCCESS' ? { outputs: report.outputs } : {}),
    },
    report.reason,
  );
  return true;
}

/**
 * The `baton.task.report` span's options: linked to the worker's report call (active now),
 * which sits in the worker's trace of the task run.
 */
export function reportSpanOptions(attributes: Attributes, taskInstanceId: string): SpanOptions {
  const from = trace.getActiveSpan()?.spanContext();
  return {
    attributes: { ...attributes, [ATTR.taskInstanceId]: taskInstanceId },
    ...(from === undefined ? {} : { links: [{ context: from }] }),
  };
}
