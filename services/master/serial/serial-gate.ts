import { errorMessage, FailedPreconditionError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/log.js';
import type { CoordinatorClient } from '../../../shared/serial/coordinator-client.js';
import type { SerialDecisionKind } from '../../../shared/serial/serial-values.js';
import type { SerialPort } from '../run/run-ports.js';
import type { SlotWatch } from './slot-watch.js';

const RELEASE_ATTEMPTS = 5;

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
    instanceId: string,
    executionType: string,
    epoch: bigint,
  ): Promise<SerialDecisionKind> {
    const response = await this.coordinators.call(workflow, (c, options) =>
      c.Enqueue(
        {
          workflow,
          instance_id: instanceId,
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
    void (async () => {
      for (let attempt = 1; attempt <= RELEASE_ATTEMPTS; attempt += 1) {
        try {
          await this.coordinators.call(
            workflow,
            (c, options) => c.Release({ workflow, instance_id: instanceId }, options),
            10_000,
          );
          return;
        } catch (err) {
          if (attempt === RELEASE_ATTEMPTS || !(err instanceof FailedPreconditionError)) {
            this.log.warn(
              { instance_id: instanceId, err: errorMessage(err) },
              'release failed; the coordinator reconciles it',
            );
            return;
          }
          await new Promise((r) => setTimeout(r, 100 * attempt));
        }
      }
    })();
  }

  watch(workflow: string, instanceId: string): void {
    this.slots.add(workflow, instanceId);
  }

  unwatch(workflow: string, instanceId: string): void {
    this.slots.remove(workflow, instanceId);
  }

  /** Takes a waiting instance out of the queue (it is being stopped). Best effort. */
  async remove(workflow: string, instanceId: string): Promise<void> {
    try {
      await this.coordinators.call(
        workflow,
        (c, options) => c.Remove({ workflow, instance_id: instanceId }, options),
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
  updateHolder(workflow: string, instanceId: string, epoch: bigint): void {
    this.coordinators
      .call(workflow, (c, options) =>
        c.UpdateHolder(
          { workflow, instance_id: instanceId, owner: this.self, epoch: epoch.toString() },
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
