import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export interface TaskProcessOptions {
  command: string;
  env: Record<string, string>;
  cwd: string;
  logPath: string;
  /** 0 = no timeout. On expiry the group is killed and the outcome is FAILURE. */
  timeoutMs: number;
  /** Time between SIGTERM and SIGKILL when killing the group. */
  killGraceMs: number;
}

export interface ProcessOutcome {
  state: 'SUCCESS' | 'FAILURE' | 'KILL';
  exitCode: number | null;
  reason: string;
  endedAt: Date;
}

/**
 * A SHELL task: `/bin/sh -c <command>` as the leader of its own process group, so that a kill
 * (or a timeout) ends everything the command started. stdout and stderr go to one log file.
 */
export class TaskProcess {
  private killReason: { kind: 'kill' | 'timeout'; text: string } | undefined;
  private escalation: NodeJS.Timeout | undefined;

  private constructor(
    readonly pid: number,
    readonly startedAt: Date,
    readonly done: Promise<ProcessOutcome>,
    private readonly killGraceMs: number,
  ) {}

  /** Spawns the command; resolves once the process exists. @throws Error if it cannot start. */
  static async start(options: TaskProcessOptions): Promise<TaskProcess> {
    mkdirSync(dirname(options.logPath), { recursive: true });
    mkdirSync(options.cwd, { recursive: true });
    const logFd = openSync(options.logPath, 'a');
    const child = spawn('/bin/sh', ['-c', options.command], {
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: options.env,
      cwd: options.cwd,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
    } catch (err) {
      closeSync(logFd);
      throw err;
    }
    const pid = child.pid;
    if (pid === undefined) throw new Error('spawned task has no pid');
    const exit = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
      child.once('exit', (code, signal) => {
        closeSync(logFd);
        resolve([code, signal]);
      });
    });
    const outcome: { of?: (code: number | null, signal: NodeJS.Signals | null) => ProcessOutcome } =
      {};
    const done = exit.then(([code, signal]) => outcome.of!(code, signal));
    const task = new TaskProcess(pid, new Date(), done, options.killGraceMs);
    outcome.of = (code, signal) => task.outcome(code, signal);
    if (options.timeoutMs > 0) {
      const timer = setTimeout(
        () => task.terminate('timeout', `timed out after ${options.timeoutMs} ms`),
        options.timeoutMs,
      );
      void done.finally(() => clearTimeout(timer));
    }
    return task;
  }

  /** Kills the whole process group: SIGTERM, then SIGKILL after the grace period. Idempotent. */
  kill(reason: string): void {
    this.terminate('kill', reason);
  }

  private terminate(kind: 'kill' | 'timeout', text: string): void {
    if (this.killReason !== undefined) return;
    this.killReason = { kind, text };
    this.signalGroup('SIGTERM');
    this.escalation = setTimeout(() => this.signalGroup('SIGKILL'), this.killGraceMs);
    void this.done.finally(() => clearTimeout(this.escalation));
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // The group is already gone.
    }
  }

  private outcome(code: number | null, signal: NodeJS.Signals | null): ProcessOutcome {
    const endedAt = new Date();
    if (this.killReason?.kind === 'timeout') {
      return { state: 'FAILURE', exitCode: code, reason: this.killReason.text, endedAt };
    }
    if (this.killReason?.kind === 'kill') {
      return { state: 'KILL', exitCode: code, reason: this.killReason.text, endedAt };
    }
    if (code === 0) return { state: 'SUCCESS', exitCode: 0, reason: '', endedAt };
    const reason = signal !== null ? `terminated by ${signal}` : `exited with code ${code}`;
    return { state: 'FAILURE', exitCode: code, reason, endedAt };
  }
}
