import type { Clock } from './run-ports.js';

/** An instance's timers (retries, timeouts), by key; re-arming a key replaces its timer. */
export class RunTimers {
  private readonly timers = new Map<string, unknown>();

  constructor(private readonly clock: Clock) {}

  arm(key: string, delayMs: number, fire: () => void): void {
    this.clear(key);
    const timer = this.clock.setTimer(
      () => {
        this.timers.delete(key);
        fire();
      },
      Math.max(0, delayMs),
    );
    this.timers.set(key, timer);
  }

  has(key: string): boolean {
    return this.timers.has(key);
  }

  clear(key: string): void {
    const timer = this.timers.get(key);
    if (timer === undefined) return;
    this.clock.clearTimer(timer);
    this.timers.delete(key);
  }

  /** Clears every timer whose key matches. */
  clearWhere(matches: (key: string) => boolean): void {
    for (const key of [...this.timers.keys()]) if (matches(key)) this.clear(key);
  }

  clearAll(): void {
    for (const timer of this.timers.values()) this.clock.clearTimer(timer);
    this.timers.clear();
  }
}
