import { formatDuration } from '../../../shared/domain/duration.js';
import type { WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import type { Logger } from '../../../shared/log.js';
import { alertFor } from './alert-for.js';
import type { InstanceLifecycle } from './instance-lifecycle.js';
import type { RunPorts } from './run-ports.js';

/** The run a workflow timeout belongs to. */
export interface TimeoutHost {
  readonly id: string;
  readonly epoch: bigint;
  readonly spec: WorkflowDefinitionSpec;
  readonly log: Logger;
  armTimer(key: string, delayMs: number, op: () => Promise<void>): void;
  advance(): Promise<void>;
}

/**
 * Arms the workflow timeout of a RUNNING instance: due once its time since the start, the
 * time it was paused aside (pause-clock.ts), reaches the definition's timeout. WARN notes it in
 * the history; otherwise the instance stops. Suspended while paused (pause-control.ts), armed
 * again at the resume, and by a master that adopts the instance, with the same time left.
 */
export function armWorkflowTimeout(
  host: TimeoutHost,
  life: InstanceLifecycle,
  ports: Pick<RunPorts, 'store'>,
): void {
  const { timeoutMs, timeoutStrategy } = host.spec;
  const { startedAt } = life;
  if (timeoutMs === null || startedAt === null || life.state !== 'RUNNING') return;
  const reason = `workflow timed out after ${formatDuration(timeoutMs)}`;
  const due = timeoutMs - life.activeSince(startedAt.getTime());
  host.armTimer('workflow-timeout', due, async () => {
    if (life.state !== 'RUNNING') return;
    if (timeoutStrategy === 'WARN') {
      host.log.warn(reason);
      const alert = alertFor(host.spec, 'TIMEOUT');
      await ports.store.note(
        host.id,
        host.epoch,
        'RUNNING',
        `warning: ${reason}`,
        undefined,
        alert,
      );
      return;
    }
    await life.toReadyStop(reason, 'TIMEOUT');
    await host.advance();
  });
}
