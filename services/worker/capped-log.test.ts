import { closeSync, mkdtempSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CappedLog, truncationMarker } from './capped-log.js';
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
  async function logOf(name: string, max: number, parts: (string | Buffer)[]): Promise<Buffer> {
    const path = join(dir, name);
    const { readFd, writeFd } = await pool.open();
    const log = new CappedLog(readFd, path, max);
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
});
