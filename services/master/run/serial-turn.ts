import { inSpan } from '../../../shared/telemetry/tracing.js';
import { assertNever } from '../../../shared/assert-never.js';
import type { WorkflowState } from '../../../shared/domain/workflow-states.js';
import type { Admission, SerialDecisionKind } from '../../../shared/serial/serial-values.js';
import type { RunHandle } from './run-handle.js';
import type { RunPorts } from './run-ports.js';

/** How often a waiting instance asks the coordinator again, in case a push and a watch event were both lost. */
const WAITING_RESYNC_MS = 30_000;

/** The state a waiting instance moves to on a serial decision, if any. */
export type SerialNext = 'RUNNING' | 'SERIAL_WAIT' | 'SERIAL_DISCARD' | undefined;

/**
 * A serial instance's wait for its turn: asking the coordinator for the slot, watching for the
 * decision, and what each decision means for the instance's state (the run makes the change).
 */
export class SerialTurn {
  private lastAskedAt = 0;

  constructor(
    private readonly run: Pick<RunHandle, 'id' | 'workflow' | 'epoch' | 'spanAttributes'> & {
      readonly executionType: string;
      readonly admission: Admission;
    },
    private readonly ports: RunPorts,
  ) {}

  /** Asks for the slot (idempotent: asking again returns the current decision). */
  ask(): Promise<SerialDecisionKind> {
    const { run, ports } = this;
    this.lastAskedAt = ports.clock.now();
    return inSpan(
      'baton.serial.enqueue',
      {
        attributes: {
          ...run.spanAttributes,
          'baton.execution_type': run.executionType,
          'baton.serial.ticket': run.admission.ticket,
        },
      },
      async (span) => {
        const answer = await ports.serial.enqueue(
          run.workflow,
          run.admission,
          run.executionType,
          run.epoch,
        );
        span.setAttribute('baton.serial.decision', answer);
        return answer;
      },
    );
  }

  /** True when the last ask is old enough to ask again (the reconciler's last resort). */
  resyncDue(): boolean {
    return this.ports.clock.now() - this.lastAskedAt > WAITING_RESYNC_MS;
  }

  /** Where a waiting instance in `state` goes on `decision`; keeps the slot watch in step. */
  next(decision: SerialDecisionKind, state: WorkflowState): SerialNext {
    const { run, ports } = this;
    switch (decision) {
      case 'ADMITTED':
        ports.serial.unwatch(run.workflow, run.id);
        return 'RUNNING';
      case 'QUEUED':
        ports.serial.watch(run.workflow, run.admission);
        return state === 'SUBMITTED' ? 'SERIAL_WAIT' : undefined;
      case 'DISCARDED':
        return 'SERIAL_DISCARD';
      default:
        return assertNever(decision);
    }
  }
}
