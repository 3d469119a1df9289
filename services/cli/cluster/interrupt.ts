import { CliError } from '../cli-error.js';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `body` with Ctrl-C (and SIGTERM, SIGHUP) turned into a request to stop: the servers it
 * starts are detached and would outlive an abrupt exit, unrecorded. `body` calls `checkpoint`
 * between steps; after a signal that throws, and `body` stops what it started. A second signal
 * ends the process at once.
 */
export async function whileInterruptible<T>(
  body: (checkpoint: () => void) => Promise<T>,
): Promise<T> {
  let interrupted: NodeJS.Signals | undefined;
  // Stays installed after the first signal: the cluster infra's child cleanup (infra/child-cleanup.ts) re-raises a
  // signal that nobody else listens for, which would end us before we have cleaned up.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted !== undefined) process.exit(130);
    interrupted = signal;
    process.stderr.write(`${signal}: stopping what was started (again to quit at once)\n`);
  };
  const uninstall = (): void => {
    for (const s of SIGNALS) process.off(s, onSignal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  const checkpoint = (): void => {
    if (interrupted !== undefined) {
      throw new CliError(`interrupted by ${interrupted}; stopped what had been started`, 130);
    }
  };
  try {
    // A step that failed because of the signal (a child got it too) reports the interruption.
    const result = await body(checkpoint).catch((err: unknown) => {
      checkpoint();
      throw err;
    });
    checkpoint();
    return result;
  } finally {
    uninstall();
  }
}
