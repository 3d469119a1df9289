/** An instance's timers (retries, timeouts), by key; re-arming a key replaces its timer. */
export class RunTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  arm(key: string, delayMs: number, fire: () => void): void {
    this.clear(key);
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        fire();
      },
      Math.max(0, delayMs),
    );
    this.timers.set(key, timer);
  }

  clear(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  clearAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
