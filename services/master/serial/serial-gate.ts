import { errorMessage, FailedPreconditionError } from '../../../shared/errors.js';
import { withRetry } from '../../../shared/retry.js';
import type { Logger } from '../../../shared/log.js';
import type { CoordinatorClient } from '../../../shared/serial/coordinator-client.js';
import type { Admission, SerialDecisionKind } from '../../../shared/serial/serial-values.js';
import type { SerialPort } from '../run/run-ports.js';
import type { SlotWatch } from './slot-watch.js';

/** How often a Release refused as "not ended in MySQL yet" is asked again (a replica lag). */
const RELEASE_RETRIES = 4;

/** A master's side of serial execution: asking the coordinator, and telling it what ended. */
export class SerialGate implements SerialPort {
  constructor(
    private readonly coordinators: CoordinatorClient,
    private readonly slots: SlotWatch,
    private readonly self: string,
    private readonly log: Logger,
  ) {}

  /** Asks to run (idempotent: asking again returns the current decision). */
  async enqueue(
    workflow: string,
    admission: Admission,
    executionType: string,
    epoch: bigint,
  ): Promise<SerialDecisionKind> {
    const response = await this.coordinators.call(workflow, (c, options) =>
      c.Enqueue(
        {
          workflow,
          instance_id: admission.instanceId,
          ticket: admission.ticket,
          round: admission.round,
          execution_type: executionType,
          owner: this.self,
          epoch: epoch.toString(),
        },
        options,
      ),
    );
    return response.decision as SerialDecisionKind;
  }

  /**
   * Tells the coordinator the holder ended (after its terminal state is committed). Retried a
   * few times; should it still fail, the coordinator's reconciler frees the slot itself.
   */
  release(workflow: string, instanceId: string): void {
    withRetry(
      () =>
        this.coordinators.call(
          workflow,
          (c, options) => c.Release({ workflow, instance_id: instanceId }, options),
          10_000,
        ),
      {
        retries: RELEASE_RETRIES,
        initialDelayMs: 100,
        retryOn: (err) => err instanceof FailedPreconditionError,
      },
    ).catch((err: unknown) =>
      this.log.warn(
        { instance_id: instanceId, err: errorMessage(err) },
        'release failed; the coordinator reconciles it',
      ),
    );
  }

  watch(workflow: string, admission: Admission): void {
    this.slots.add(workflow, admission);
  }

  unwatch(workflow: string, instanceId: string): void {
    this.slots.remove(workflow, instanceId);
  }

  /** Takes a waiting instance out of the queue (it is being stopped). Best effort. */
  async remove(workflow: string, admission: Admission): Promise<void> {
    const { instanceId, ticket } = admission;
    try {
      await this.coordinators.call(
        workflow,
        (c, options) => c.Remove({ workflow, instance_id: instanceId, ticket }, options),
        5_000,
      );
    } catch (err) {
      this.log.warn(
        { instance_id: instanceId, err: errorMessage(err) },
        'queue removal failed; the coordinator reconciles it',
      );
    }
  }

  /** After a take-over: the slot records the new owner and epoch. Best effort. */
  updateHolder(workflow: string, admission: Admission, epoch: bigint): void {
    const { instanceId, ticket } = admission;
    this.coordinators
      .call(workflow, (c, options) =>
        c.UpdateHolder(
          { workflow, instance_id: instanceId, ticket, owner: this.self, epoch: epoch.toString() },
          options,
        ),
      )
      .catch((err: unknown) =>
        this.log.warn(
          { instance_id: instanceId, err: errorMessage(err) },
          'slot holder update failed',
        ),
      );
  }
}
