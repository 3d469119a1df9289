import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, constants, fchownSync, mkdirSync, openSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { UnavailableError } from '../../shared/errors.js';

const run = promisify(execFile);
/** FIFOs made by one `mkfifo`: one extra process per this many tasks, not one per task. */
const BATCH = 32;

/** Both ends of a kernel pipe. */
export interface PipeEnds {
  /** Non-blocking; stays with the worker. */
  readFd: number;
  /** Blocking; given to the task as its stdout and stderr. */
  writeFd: number;
}

/**
 * Real pipes for task output. Node's `stdio: 'pipe'` is a socketpair, and a shell cannot open
 * `/dev/stdout` or `/dev/stderr` when they are sockets (ENXIO), which many scripts do; Node has
 * no pipe(2) nor mkfifo(3), so the worker makes named pipes in batches (one `mkfifo` process per
 * BATCH tasks), opens both ends and unlinks the name at once: what is left is an anonymous pipe.
 * The directory is the worker's alone (0700), so nobody else can open a FIFO before it is used.
 */
export class FifoPool {
  private ready: string[] = [];
  private refill: Promise<void> | undefined;

  private constructor(private readonly dir: string) {}

  /** Empties `dir` (FIFOs left by an earlier run) and makes the first batch. @throws Error */
  static async create(dir: string): Promise<FifoPool> {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pool = new FifoPool(dir);
    await pool.fill();
    return pool;
  }

  /**
   * A new pipe; the caller closes both ends. Its write end is owned by `owner` when given: a
   * task running as another user reopens it through /proc when it writes to `/dev/stdout`,
   * which checks the inode's owner.
   * @throws UnavailableError when no FIFO can be made
   */
  async open(owner?: { uid: number; gid: number }): Promise<PipeEnds> {
    while (this.ready.length === 0) {
      await this.fill().catch((err: unknown) => {
        throw new UnavailableError('cannot make a pipe for the task output', { cause: err });
      });
    }
    if (this.ready.length < BATCH / 2) void this.fill().catch(() => {});
    const path = this.ready.pop()!;
    try {
      // The read end first: opening a FIFO for writing blocks until it has a reader.
      const readFd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const writeFd = openSync(path, constants.O_WRONLY);
        if (owner !== undefined) fchownSync(writeFd, owner.uid, owner.gid);
        return { readFd, writeFd };
      } catch (err) {
        closeSync(readFd);
        throw err;
      }
    } finally {
      unlinkSync(path);
    }
  }

  /** One `mkfifo` for a batch; concurrent callers share it. */
  private fill(): Promise<void> {
    this.refill ??= (async () => {
      const paths = Array.from({ length: BATCH }, () => join(this.dir, randomUUID()));
      try {
        await run('mkfifo', ['-m', '0600', '--', ...paths]);
        this.ready.push(...paths);
      } finally {
        this.refill = undefined;
      }
    })();
    return this.refill;
  }
}
