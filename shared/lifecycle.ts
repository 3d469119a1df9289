import type { Logger } from './log.js';

export type LifecycleState = 'running' | 'draining' | 'stopped';

interface Step {
  name: string;
  run: () => Promise<void>;
}

/**
 * Shutdown as a small state machine: running → draining → stopped. Steps run in the order they
 * were added (stop accepting, drain, resign leases, close pools), each awaited; a step that
 * throws is logged and the next one still runs. `shutdown` is idempotent. A second signal or
 * the grace timer forces the exit.
 */
export class Lifecycle {
  private current: LifecycleState = 'running';
  private readonly steps: Step[] = [];
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly log: Logger,
    private readonly graceMs: number,
  ) {}

  get state(): LifecycleState {
    return this.current;
  }

  get draining(): boolean {
    return this.current !== 'running';
  }

  addStep(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  installSignalHandlers(exit: (code: number) => void = (code) => process.exit(code)): void {
    const onSignal = (signal: NodeJS.Signals): void => {
      if (this.stopping !== undefined) {
        this.log.warn({ signal }, 'second signal: forcing exit');
        exit(1);
        return;
      }
      this.log.info({ signal }, 'shutting down');
      void this.shutdown().then(() => exit(0));
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  shutdown(): Promise<void> {
    this.stopping ??= this.runSteps();
    return this.stopping;
  }

  private async runSteps(): Promise<void> {
    this.current = 'draining';
    const force = setTimeout(() => {
      this.log.error({ graceMs: this.graceMs }, 'shutdown did not finish in time: forcing exit');
      process.exit(1);
    }, this.graceMs + 5_000);
    force.unref();
    for (const step of this.steps) {
      try {
        await step.run();
      } catch (err) {
        this.log.warn({ err, step: step.name }, 'shutdown step failed');
      }
    }
    clearTimeout(force);
    this.current = 'stopped';
  }
}
