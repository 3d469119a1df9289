import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, readdirSync, readFileSync } from 'node:fs';
import type { AttemptOutputs } from './attempt-outputs.js';
import { appendLogLines, CappedLog } from './capped-log.js';
import type { FifoPool } from './fifo-pool.js';

export interface TaskProcessOptions {
  command: string;
  env: Record<string, string>;
  /** The attempt's own directory; it must exist. */
  cwd: string;
  logPath: string;
  /** The stored log stops at this many bytes (plus a marker line); the task goes on. */
  maxLogBytes: number;
  /** Where the pipe for the task's output comes from. */
  pipes: FifoPool;
  /** The user the whole group runs as; default: the worker's own. */
  runAs?: { uid: number; gid: number } | undefined;
  /** 0 = no timeout. On expiry the group is killed and the outcome is FAILURE. */
  timeoutMs: number;
  /** Time between SIGTERM and SIGKILL when killing the group. */
  killGraceMs: number;
  /** Captures the declared OUT params from the output and $BATON_OUTPUT; none when absent. */
  outputs?: AttemptOutputs | undefined;
}

export interface ProcessOutcome {
  state: 'SUCCESS' | 'FAILURE' | 'KILL';
  exitCode: number | null;
  reason: string;
  endedAt: Date;
  /** The declared OUT params the task set; empty unless SUCCESS. */
  outputs: Record<string, string>;
}

const REAP_PROBE_MS = 20;

/**
 * Members of process group `pgid` that are not zombies, from /proc (Linux). A zombie has done
 * all it will do; where nobody reaps orphans (a container's PID 1) it would otherwise look alive.
 */
function liveGroupMembers(pgid: number): number {
  let live = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the parenthesised command: state, ppid, pgrp, ...
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') live += 1;
  }
  return live;
}
const REAP_LIMIT_MS = 5_000;
/**
 * How long, once the group is gone, the log pipe may stay open: only a process that left the
 * group (setsid) can still hold it, and its output is no longer the task's.
 */
const DRAIN_LIMIT_MS = 500;

/**
 * The process-group leader of a task: runs the command (`$1`) with stdin from /dev/null, and a
 * watchdog that waits for EOF on the leader's stdin — the worker's end of a pipe — and then
 * kills the whole group. So a task never outlives its worker: once the worker is gone its
 * tasks are retried elsewhere, and a leftover copy must not keep running beside the retry.
 */
const GROUP_LEADER = [
  'exec 3<&0',
  '/bin/sh -c "$1" </dev/null &',
  'task=$!',
  '{ read -r _ <&3; kill -KILL 0; } &',
  'watchdog=$!',
  'wait "$task"',
  'rc=$?',
  'kill "$watchdog" 2>/dev/null',
  'wait "$watchdog" 2>/dev/null',
  'exit "$rc"',
].join('\n');

/**
 * A SHELL task: `/bin/sh -c <command>` in a process group of its own, so that a kill (or a
 * timeout) ends everything the command started. stdout and stderr go into one pipe, which the
 * worker copies to the log file up to the cap (capped-log.ts); a task that writes to a file
 * directly could not be capped without being stopped. The whole group runs as `runAs` when
 * given.
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
    const pipe = await options.pipes.open(options.runAs);
    let log: CappedLog;
    try {
      const outputs = options.outputs;
      const tap = outputs && ((chunk: Buffer) => outputs.scan(chunk));
      log = new CappedLog(pipe.readFd, options.logPath, options.maxLogBytes, tap);
    } catch (err) {
      closeSync(pipe.readFd);
      closeSync(pipe.writeFd);
      throw err;
    }
    let child: ChildProcess;
    try {
      child = spawn('/bin/sh', ['-c', GROUP_LEADER, 'baton-task', options.command], {
        detached: true,
        // The leader's stdin is a pipe from this worker that nobody writes: if the worker dies
        // (even by SIGKILL), the pipe closes and the leader kills the group.
        stdio: ['pipe', pipe.writeFd, pipe.writeFd],
        env: options.env,
        cwd: options.cwd,
        // Node also drops the supplementary groups (setgroups(0)) when it switches user.
        ...(options.runAs === undefined ? {} : { uid: options.runAs.uid, gid: options.runAs.gid }),
      });
    } catch (err) {
      closeSync(pipe.writeFd);
      await log.finish(0);
      throw err;
    }
    // The child has its copy (spawn forks synchronously): the pipe must end when the task's
    // group is gone, so the worker keeps no write end.
    closeSync(pipe.writeFd);
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
    } catch (err) {
      await log.finish(0);
      throw err;
    }
    const pid = child.pid;
    if (pid === undefined) throw new Error('spawned task has no pid');
    const exit = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
      child.once('exit', (code, signal) => {
        child.stdin?.destroy();
        resolve([code, signal]);
      });
    });
    const ended: {
      of?: (code: number | null, signal: NodeJS.Signals | null) => Promise<ProcessOutcome>;
    } = {};
    const done = exit.then(([code, signal]) => ended.of!(code, signal));
    const task = new TaskProcess(pid, new Date(), done, options.killGraceMs);
    // The task has ended only when its whole group has: what the leader started (a trap
    // handler still cleaning up, a background job) must not outlive the reported result. And
    // its log is complete only once the pipe is drained.
    ended.of = async (code, signal) => {
      await task.reapGroup();
      await log.finish(DRAIN_LIMIT_MS);
      const outcome = task.outcome(code, signal);
      // Only an attempt that succeeded has outputs: a failed one may have set half of them.
      if (outcome.state !== 'SUCCESS' || options.outputs === undefined) return outcome;
      const { outputs, notes } = await options.outputs.collect();
      // A log that cannot take the notes (a full disk) must not cost the result.
      await appendLogLines(options.logPath, notes).catch(() => undefined);
      return { ...outcome, outputs };
    };
    if (options.timeoutMs > 0) {
      const timer = setTimeout(
        () => task.terminate('timeout', `timed out after ${options.timeoutMs} ms`),
        options.timeoutMs,
      );
      void done.finally(() => clearTimeout(timer));
    }
    return task;
  }

  /**
   * Kills the whole process group: SIGTERM, then SIGKILL after the grace period (at once with
   * `now`). Idempotent.
   */
  kill(reason: string, now = false): void {
    this.terminate('kill', reason);
    if (now) this.signalGroup('SIGKILL');
  }

  private terminate(kind: 'kill' | 'timeout', text: string): void {
    if (this.killReason !== undefined) return;
    this.killReason = { kind, text };
    this.signalGroup('SIGTERM');
    this.escalation = setTimeout(() => this.signalGroup('SIGKILL'), this.killGraceMs);
    void this.done.finally(() => clearTimeout(this.escalation));
  }

  /**
   * After the leader exited: TERM what is left of the group, KILL it after the grace period,
   * and wait until it is gone. No event says when a process group empties; probing it with
   * signal 0 is a cheap local check. Bounded, in case members linger as zombies nobody reaps.
   */
  async reapGroup(): Promise<void> {
    if (!this.groupAlive()) return;
    this.signalGroup('SIGTERM');
    const killAt = Date.now() + this.killGraceMs;
    let killed = false;
    while (this.groupAlive()) {
      if (!killed && Date.now() >= killAt) {
        this.signalGroup('SIGKILL');
        killed = true;
      }
      if (killed && Date.now() >= killAt + REAP_LIMIT_MS) return;
      await new Promise((resolve) => setTimeout(resolve, REAP_PROBE_MS));
    }
  }

  /** True while a live (not zombie) process is in the task's group. */
  private groupAlive(): boolean {
    try {
      process.kill(-this.pid, 0);
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
    return liveGroupMembers(this.pid) > 0;
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // The group is already gone.
    }
  }

  outcome(code: number | null, signal: NodeJS.Signals | null): ProcessOutcome {
    const endedAt = new Date();
    if (this.killReason?.kind === 'timeout') {
      return {
        state: 'FAILURE',
        exitCode: code,
        reason: this.killReason.text,
        endedAt,
        outputs: {},
      };
    }
    if (this.killReason?.kind === 'kill') {
      return { state: 'KILL', exitCode: code, reason: this.killReason.text, endedAt, outputs: {} };
    }
    if (code === 0) return { state: 'SUCCESS', exitCode: 0, reason: '', endedAt, outputs: {} };
    const reason = signal !== null ? `terminated by ${signal}` : `exited with code ${code}`;
    return { state: 'FAILURE', exitCode: code, reason, endedAt, outputs: {} };
  }
}
