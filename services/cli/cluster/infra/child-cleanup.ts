/**
 * Ends attached server processes when this process ends, so tests leave no etcd or MariaDB
 * behind. An 'exit' hook alone is not enough: vitest stops its fork workers with SIGTERM, and a
 * signal's default action ends the process without running 'exit' listeners. So while there are
 * attached children we also listen for the usual termination signals, forward SIGTERM to the
 * children, and then let the signal end this process as it would have without us (the approach
 * of npm's `signal-exit`).
 */
import type { ChildProcess } from 'node:child_process';

const TERMINATION_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
const children = new Set<ChildProcess>();

/** Sends SIGTERM to `child` when this process exits or is terminated, until it has exited. */
export function endWithThisProcess(child: ChildProcess): void {
  if (children.size === 0) install();
  children.add(child);
  child.once('exit', () => {
    children.delete(child);
    if (children.size === 0) uninstall();
  });
}

function terminateChildren(): void {
  for (const child of children) {
    child.kill('SIGTERM');
    // A child paused by a chaos test (SIGSTOP) would not act on SIGTERM until continued.
    child.kill('SIGCONT');
  }
}

function onSignal(signal: NodeJS.Signals): void {
  terminateChildren();
  uninstall();
  // Someone else handles this signal (vitest does for SIGINT): leave the decision to them.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  process.on('exit', terminateChildren);
  for (const signal of TERMINATION_SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  process.off('exit', terminateChildren);
  for (const signal of TERMINATION_SIGNALS) process.off(signal, onSignal);
}
