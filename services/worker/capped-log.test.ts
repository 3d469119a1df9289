import { closeSync, mkdtempSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendLogLines, CappedLog, truncationMarker } from './capped-log.js';
import { FifoPool } from './fifo-pool.js';

describe('CappedLog', () => {
  let dir: string;
  let pool: FifoPool;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-capped-log-'));
    pool = await FifoPool.create(join(dir, 'pipes'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes `parts` into a fresh pipe, one write each, and returns the log file's content. */
  async function logOf(
    name: string,
    max: number,
    parts: (string | Buffer)[],
    tap?: (chunk: Buffer) => void,
  ): Promise<Buffer> {
    const path = join(dir, name);
    const { readFd, writeFd } = await pool.open();
    const log = new CappedLog(readFd, path, max, tap);
    for (const part of parts)
      writeSync(writeFd, typeof part === 'string' ? Buffer.from(part) : part);
    closeSync(writeFd);
    await log.finish(5_000);
    return readFileSync(path);
  }

  it('keeps everything under the cap, without a marker', async () => {
    expect((await logOf('small', 1024, ['a\n', 'b\n'])).toString()).toBe('a\nb\n');
  });

  it('keeps the cap, counts the rest, and ends with the marker on a line of its own', async () => {
    const log = await logOf('big', 1024, ['x'.repeat(1000), 'y'.repeat(100), 'z\n']);
    expect(log.toString()).toBe(`${'x'.repeat(1000)}${'y'.repeat(24)}\n${truncationMarker(78)}`);
  });

  it('does not split a UTF-8 character at the cap', async () => {
    // 1023 ASCII bytes, then a 3-byte character across the 1024-byte cap.
    const log = await logOf('utf8', 1024, ['a'.repeat(1023) + '€\n']);
    expect(log.toString()).toBe(`${'a'.repeat(1023)}\n${truncationMarker(4)}`);
  });

  it('finishes after the wait when another process still holds the pipe open', async () => {
    const path = join(dir, 'held');
    const { readFd, writeFd } = await pool.open();
    const log = new CappedLog(readFd, path, 1024);
    writeSync(writeFd, 'partial\n');
    const started = Date.now();
    await log.finish(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    closeSync(writeFd);
    expect(readFileSync(path, 'utf8')).toBe('partial\n');
  });

  it('shows the tap all of the output, also what the cap drops', async () => {
    const seen: Buffer[] = [];
    const parts = ['x'.repeat(1000), 'y'.repeat(100), 'z\n'];
    const log = await logOf('tapped', 1024, parts, (chunk) => seen.push(chunk));
    expect(log.length).toBe(1024 + truncationMarker(78).length + 1);
    expect(Buffer.concat(seen).toString()).toBe(parts.join(''));
  });

  it('appends lines after the end, on a line of their own', async () => {
    const path = join(dir, 'appended');
    writeFileSync(path, 'no newline at the end');
    await appendLogLines(path, ['baton: one', 'baton: two']);
    await appendLogLines(path, []);
    await appendLogLines(path, ['baton: three']);
    expect(readFileSync(path, 'utf8')).toBe(
      'no newline at the end\nbaton: one\nbaton: two\nbaton: three\n',
    );
    const empty = join(dir, 'appended-empty');
    writeFileSync(empty, '');
    await appendLogLines(empty, ['baton: only']);
    expect(readFileSync(empty, 'utf8')).toBe('baton: only\n');
  });
});
