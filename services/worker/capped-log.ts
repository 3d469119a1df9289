import { closeSync, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Socket } from 'node:net';

/** The line that ends a log whose task wrote more than the cap. */
export function truncationMarker(droppedBytes: number): string {
  return `[baton: log truncated: ${droppedBytes} bytes dropped]\n`;
}

/**
 * A task's log: what the task writes into a pipe, copied to the log file as it comes (so the
 * log can be read while the task runs) until `maxBytes`, and only counted after that. The task
 * is not stopped nor slowed down by the cap: its further output is read and dropped. The file is
 * the worker's (0600 in its own logs dir), so a task running as another user can neither read
 * other tasks' logs nor rewrite its own.
 */
export class CappedLog {
  private readonly fd: number;
  private written = 0;
  private dropped = 0;
  private lastByte: number | undefined;
  private readonly input: Socket;
  private readonly ended: Promise<void>;
  private finished: Promise<void> | undefined;

  /**
   * Takes over `readFd` (the pipe's read end) and opens `path` for appending. `tap`, when given,
   * sees every chunk of the output as it comes, also what the cap drops.
   */
  constructor(
    readFd: number,
    path: string,
    private readonly maxBytes: number,
    private readonly tap?: (chunk: Buffer) => void,
  ) {
    this.fd = openSync(path, 'a', 0o600);
    this.input = new Socket({ fd: readFd, readable: true, writable: false });
    this.ended = new Promise((resolve) => {
      this.input.once('end', resolve);
      this.input.once('close', resolve);
      this.input.once('error', () => resolve());
    });
    this.input.on('data', (chunk: Buffer) => this.accept(chunk));
  }

  /**
   * Resolves once the pipe is drained: at its end of file, or after `waitMs` when a process
   * that left the task's group (setsid) still holds it open; what that one writes is not the
   * task's output any more. Then appends the truncation marker, if any, and closes the file.
   * Idempotent.
   */
  finish(waitMs: number): Promise<void> {
    this.finished ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.ended, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
      clearTimeout(timer);
      this.input.destroy();
      if (this.dropped > 0) {
        const newline = this.lastByte !== undefined && this.lastByte !== 0x0a ? '\n' : '';
        this.write(Buffer.from(newline + truncationMarker(this.dropped)));
      }
      closeSync(this.fd);
    })();
    return this.finished;
  }

  private accept(chunk: Buffer): void {
    this.tap?.(chunk);
    if (this.dropped > 0) {
      this.dropped += chunk.length;
      return;
    }
    const keep = charBoundary(chunk, Math.min(chunk.length, this.maxBytes - this.written));
    this.written += this.write(chunk.subarray(0, keep));
    this.dropped += chunk.length - keep;
  }

  /** Writes all of `bytes`; a failed write (a full disk) drops the rest rather than the worker. */
  private write(bytes: Buffer): number {
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
    } catch {
      this.dropped += bytes.length - done;
    }
    if (done > 0) this.lastByte = bytes[done - 1];
    return done;
  }
}

/**
 * Appends the worker's own `lines` to a finished log, the first on a line of its own even when
 * the task's output did not end with a newline. They come after the cap: they are few and short.
 */
export async function appendLogLines(path: string, lines: readonly string[]): Promise<void> {
  if (lines.length === 0) return;
  const file = await open(path, 'a+', 0o600);
  try {
    const { size } = await file.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await file.read(last, 0, 1, size - 1);
    const lead = size > 0 && last[0] !== 0x0a ? '\n' : '';
    await file.write(lead + lines.map((line) => `${line}\n`).join(''));
  } finally {
    await file.close();
  }
}

/** `n` moved back, if needed, so `bytes[0..n)` does not end inside a UTF-8 character. */
function charBoundary(bytes: Buffer, n: number): number {
  let cut = n;
  while (cut > 0 && cut > n - 3 && cut < bytes.length && (bytes[cut]! & 0xc0) === 0x80) cut -= 1;
  return cut < bytes.length && (bytes[cut]! & 0xc0) === 0x80 ? n : cut;
}
