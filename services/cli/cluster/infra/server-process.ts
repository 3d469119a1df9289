/**
 * Spawning and stopping the local etcd and MariaDB server processes: output to a log file,
 * readiness polling that fails fast when the child dies, and cleanup of attached children.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, fstatSync, openSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { endWithThisProcess } from './child-cleanup.js';
import { isPortFree } from './free-port.js';

/** A server that could not be started. `addressInUse` tells the caller a new port may help. */
export class ServerStartError extends Error {
  constructor(
    message: string,
    readonly addressInUse: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ServerStartError';
  }
}

export interface ServerProcessSpec {
  /** Human name for messages, e.g. `etcd`. */
  name: string;
  command: string;
  args: string[];
  /** stdout and stderr are appended here; the parent directory is created. */
  logFile: string;
  /**
   * Own process group, survives the parent. Otherwise it shares the parent's process group
   * (Ctrl-C reaches it) and gets SIGTERM when the parent exits or is terminated by a signal
   * (see child-cleanup.ts). Neither keeps the parent alive.
   */
  detached: boolean;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  stopGraceMs: number;
  /** The child's environment; default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** The child's working directory; default: this process's. */
  cwd?: string;
}

export interface ServerProcess {
  readonly pid: number;
  readonly logFile: string;
  /** Settles when the child has exited, with a description such as `code 1` or `signal SIGKILL`. */
  readonly exited: Promise<string>;
  hasExited(): boolean;
  /** Like `exited`, but keeps this process alive until the child has exited. */
  waitForExit(): Promise<string>;
  /** SIGTERM (plus SIGCONT, in case a chaos test paused it), SIGKILL after the grace; idempotent. */
  stop(): Promise<void>;
  /** The end of what this run (not earlier runs sharing the log file) has written. */
  logTail(): Promise<string>;
}

const LOG_TAIL_BYTES = 6000;
const READY_POLL_MS = 100;

/**
 * Spawns a server process per `spec`. Rejects when the command cannot be spawned (e.g. ENOENT).
 */
export async function spawnServer(spec: ServerProcessSpec): Promise<ServerProcess> {
  await mkdir(dirname(spec.logFile), { recursive: true });
  const logFd = openSync(spec.logFile, 'a');
  const logOffset = fstatSync(logFd).size;
  let child: ChildProcess;
  try {
    // The child writes to the file itself, so its output never passes through (or blocks on) us.
    child = spawn(spec.command, spec.args, {
      stdio: ['ignore', logFd, logFd],
      detached: spec.detached,
      env: spec.env ?? process.env,
      cwd: spec.cwd,
    });
  } finally {
    closeSync(logFd);
  }
  let exitDescription: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitDescription = signal === null ? `code ${code}` : `signal ${signal}`;
      resolve(exitDescription);
    });
  });
  const pid = child.pid;
  if (pid === undefined) {
    const [error] = (await once(child, 'error')) as [Error];
    throw new ServerStartError(`cannot run ${spec.command}: ${error.message}`, false, {
      cause: error,
    });
  }
  // Later errors (a failed kill) carry no information we act on; without a listener they crash.
  child.on('error', () => {});
  // Never keeps this process alive: attached children are ended by child-cleanup.ts instead.
  child.unref();
  if (!spec.detached) endWithThisProcess(child);

  const waitForExit = (): Promise<string> => {
    // An unref'd child would let the event loop end before its exit is seen.
    child.ref();
    return exited;
  };
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    if (exitDescription !== undefined) return;
    child.kill('SIGTERM');
    child.kill('SIGCONT');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), spec.stopGraceMs);
    try {
      await waitForExit();
    } finally {
      clearTimeout(killTimer);
    }
  };
  return {
    pid,
    logFile: spec.logFile,
    exited,
    hasExited: () => exitDescription !== undefined,
    waitForExit,
    stop: () => (stopping ??= stop()),
    logTail: () => readLogTail(spec.logFile, logOffset),
  };
}

async function readLogTail(logFile: string, fromOffset: number): Promise<string> {
  const handle = await open(logFile, 'r').catch(() => undefined);
  if (handle === undefined) return '(no log file)';
  try {
    const { size } = await handle.stat();
    const start = Math.max(fromOffset, size - LOG_TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8').trimEnd();
    return text === '' ? '(log is empty)' : text;
  } finally {
    await handle.close();
  }
}

/**
 * Calls `probe` every 100 ms until it resolves, and returns its value. Throws a
 * {@link ServerStartError} carrying the log tail when the process exits first, or when
 * `timeoutMs` passes (then the process is stopped first).
 */
export async function waitUntilReady<T>(
  server: ServerProcess,
  name: string,
  timeoutMs: number,
  probe: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (server.hasExited()) {
      const tail = await server.logTail();
      throw new ServerStartError(
        `${name} exited (${await server.exited}) before it was ready; end of ${server.logFile}:\n${tail}`,
        /address already in use/i.test(tail),
      );
    }
    try {
      const ready = await probe();
      // The probe may have reached a server that is not ours, while ours died.
      if (!server.hasExited()) return ready;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      await server.stop();
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new ServerStartError(
        `${name} was not ready after ${timeoutMs} ms (last check: ${reason}); end of ${server.logFile}:\n${await server.logTail()}`,
        false,
        { cause: lastError },
      );
    }
    await Promise.race([delay(READY_POLL_MS), server.exited]);
  }
}

/**
 * Throws a {@link ServerStartError} (address in use) when one of `ports` is taken on 127.0.0.1:
 * the readiness probe would be answered by whatever holds the port.
 */
export async function assertPortsFree(name: string, ports: number[]): Promise<void> {
  for (const port of ports) {
    if (!(await isPortFree(port))) {
      throw new ServerStartError(`${name}: port ${port} on 127.0.0.1 is already in use`, true);
    }
  }
}

/**
 * Runs `start` with freshly chosen ports, and again (up to 3 attempts in all) when the server
 * reported "address already in use": a port from {@link freePorts} can be taken by another
 * process before the server binds it. Fixed ports (`portsFixed`) are never retried.
 */
export async function retryOnPortClash<T>(
  portsFixed: boolean,
  start: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      const clash = error instanceof ServerStartError && error.addressInUse;
      if (portsFixed || !clash || attempt >= 3) throw error;
    }
  }
}

/**
 * Runs a one-shot command to completion with its output appended to `logFile`. Throws an Error
 * with the end of that output when it exits unsuccessfully or cannot be spawned.
 */
export async function runToCompletion(
  name: string,
  command: string,
  args: string[],
  logFile: string,
): Promise<void> {
  const run = await spawnServer({ name, command, args, logFile, detached: false, stopGraceMs: 0 });
  const outcome = await run.waitForExit();
  if (outcome !== 'code 0') {
    throw new Error(`${name} failed (${outcome}); end of ${logFile}:\n${await run.logTail()}`);
  }
}
