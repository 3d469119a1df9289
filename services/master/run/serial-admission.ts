import { inSpan, type Attributes } from '../../../shared/telemetry/tracing.js';
import { errorMessage, isRetryable } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/log.js';
import type { Admission, SerialDecisionKind } from '../../../shared/serial/serial-values.js';
import type { InstanceLifecycle } from './instance-lifecycle.js';
import type { EndState } from './run-summary.js';
import type { RunPorts } from './run-ports.js';
import type { SerialTurn } from './serial-turn.js';

/** The timer of a serial instance's next ask after the coordinator did not answer. */
const SERIAL_ASK_KEY = 'serial-ask';
const SERIAL_ASK_RETRY_MS = 2_000;

/** The run a waiting instance belongs to, and the two ways out of the wait it makes. */
export interface AdmissionHost {
  readonly id: string;
  readonly workflow: string;
  /** The queue ticket it waits under in this round. */
  readonly admission: Admission;
  readonly log: Logger;
  readonly spanAttributes: Attributes;
  armTimer(key: string, delayMs: number, op: () => Promise<void>): void;
  /** Admitted (or not serial): SUBMITTED|SERIAL_WAIT -> RUNNING, and on. */
  toRunning(): Promise<void>;
  finish(to: EndState): Promise<void>;
}

/**
 * An instance's way from SUBMITTED into RUNNING when it is serial: asks the coordinator for the
 * slot, acts on its answer (admitted, queued, discarded), and leaves the queue when stopped
 * while waiting. Acts only while the instance waits; later answers are moot.
 */
export class SerialAdmission {
  constructor(
    private readonly host: AdmissionHost,
    private readonly life: InstanceLifecycle,
    private readonly turn: SerialTurn,
    private readonly ports: RunPorts,
  ) {}

  /**
   * Asks the coordinator for the slot and acts on the answer. A coordinator that does not
   * answer in time (overloaded, failing over) leaves the instance waiting as it is: it asks
   * again on a timer, and the reconciler asks too. Resetting the run instead would hand the
   * instance to another master for a delay that is not this master's fault (issue 12).
   */
  async ask(): Promise<void> {
    let decision: SerialDecisionKind;
    try {
      decision = await this.turn.ask();
    } catch (err) {
      if (!isRetryable(err)) throw err;
      this.host.log.warn(
        { err: errorMessage(err) },
        'no answer from the serial coordinator; asking again',
      );
      this.host.armTimer(SERIAL_ASK_KEY, SERIAL_ASK_RETRY_MS, async () => {
        if (this.life.waiting) await this.ask();
      });
      return;
    }
    await this.decide(decision);
  }

  /** The reconciler: asks again only when the push and the slot watch may both have been lost. */
  async resync(): Promise<void> {
    if (this.turn.resyncDue()) await this.ask();
  }

  /** Acts on the coordinator's answer while waiting; later answers are moot. */
  async decide(decision: SerialDecisionKind): Promise<void> {
    if (!this.life.waiting) return;
    const next = this.turn.next(decision, this.life.state);
    if (next === 'RUNNING')
      await inSpan('baton.serial.admitted', { attributes: this.host.spanAttributes }, () =>
        this.host.toRunning(),
      );
    else if (next === 'SERIAL_WAIT')
      await this.life.set('SERIAL_WAIT', {}, 'waiting for the serial slot');
    else if (next === 'SERIAL_DISCARD') await this.host.finish('SERIAL_DISCARD');
  }

  /** Stopped while waiting: out of the queue at once, then STOP. */
  async leaveQueue(reason: string): Promise<void> {
    await this.ports.serial.remove(this.host.workflow, this.host.admission);
    this.life.noteStopRequested(reason);
    await this.host.finish('STOP');
  }
}
