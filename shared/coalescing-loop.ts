/**
 * Runs a pass now and then every `intervalMs`, never two at once: a trigger that arrives during
 * a pass runs it once more right after (however many triggers came), instead of queueing them.
 * For reconcilers and re-balancers, which are safety nets rather than the hot path.
 */
export class CoalescingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Runs a pass now (or right after the one in progress); the interval restarts after it. */
  trigger(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.pass()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.trigger();
        } else {
          this.timer = setTimeout(() => this.trigger(), this.intervalMs);
        }
      });
  }

  /** Stops the loop; resolves once the pass in progress (if any) is done. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
