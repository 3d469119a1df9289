import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NotFoundError } from '../../shared/errors.js';

export const MAX_LOG_READ_BYTES = 1024 * 1024;

/** Where a task attempt's combined stdout/stderr is written. */
export function logPathFor(dataDir: string, taskInstanceId: string): string {
  return join(dataDir, 'logs', `${taskInstanceId}.log`);
}

/**
 * Reads up to `limit` bytes of a task log from `offset`. A read that ends in the middle of a
 * UTF-8 sequence is cut back so the content is valid text and `nextOffset` resumes exactly.
 *
 * @throws NotFoundError when this worker has no such log.
 */
export async function readLogChunk(
  path: string,
  offset: number,
  limit: number,
): Promise<{ content: string; nextOffset: number; size: number }> {
  const size = await stat(path).then(
    (s) => s.size,
    () => {
      throw new NotFoundError('this worker has no log for that task');
    },
  );
  const length = Math.max(0, Math.min(limit, MAX_LOG_READ_BYTES, size - offset));
  if (length === 0) return { content: '', nextOffset: Math.min(offset, size), size };
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    const end = completeUtf8Length(buffer.subarray(0, bytesRead));
    return { content: buffer.subarray(0, end).toString('utf8'), nextOffset: offset + end, size };
  } finally {
    await handle.close();
  }
}

/** Length of the longest prefix of `bytes` that does not end inside a multi-byte character. */
function completeUtf8Length(bytes: Buffer): number {
  let i = bytes.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (bytes[i]! & 0xc0) === 0x80) {
    i -= 1;
    continuation += 1;
  }
  if (i < 0) return bytes.length;
  const lead = bytes[i]!;
  const needed = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
  return needed > continuation ? i : bytes.length;
}
