import { constants } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { SettingText } from './setting-text.js';

/** The file's name in the attempt's working directory; a dot file, so `rm *` leaves it. */
export const OUTPUT_FILE_NAME = '.baton-output';
/**
 * Past this the file is not read further. Its legitimate content is far smaller (100 outputs
 * of 64 KiB); the bound keeps a task from stalling its own result with a huge or sparse file.
 */
export const MAX_OUTPUT_FILE_BYTES = 16 * 1024 * 1024;
const READ_BYTES = 64 * 1024;
const LF = 0x0a;

/** An attempt's $BATON_OUTPUT file. */
export interface OutputFile {
  path: string;
  /** Whom it belongs to: the task's user. A file of anyone else in its place is not read. */
  ownerUid: number;
}

/**
 * Creates the attempt's empty $BATON_OUTPUT file in `cwd`: 0600 and owned by `owner` (the task's
 * user) when given, so the task can write it and nobody else can read it. A file left there by
 * an earlier worker process is replaced.
 */
export async function createOutputFile(
  cwd: string,
  owner: { uid: number; gid: number } | undefined,
): Promise<OutputFile> {
  const path = join(cwd, OUTPUT_FILE_NAME);
  await unlink(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  const file = await open(path, flags, 0o600);
  try {
    if (owner !== undefined) await file.chown(owner.uid, owner.gid);
    return { path, ownerUid: (await file.stat()).uid };
  } finally {
    await file.close();
  }
}

/**
 * Reads the $BATON_OUTPUT file after the task ended and hands each setting to `onSetting` (see
 * {@link OutputFileParser}); returns lines for the task log about what could not be read. A
 * missing file gives nothing. The task owns the directory and may have put anything in the
 * file's place, and the worker may be root: a symbolic link, a FIFO (which would block the
 * read), or a file of another user (a hard link to a secret) is refused, not read.
 *
 * @param ownerUid the uid the file must belong to (OutputFile.ownerUid)
 */
export async function readOutputFile(
  path: string,
  ownerUid: number,
  onSetting: (text: string, truncated: boolean) => void,
): Promise<string[]> {
  let file: FileHandle;
  try {
    file = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    return [`baton: $BATON_OUTPUT could not be read (${code ?? String(err)}); ignored`];
  }
  try {
    const stat = await file.stat();
    if (!stat.isFile() || stat.uid !== ownerUid) {
      return [`baton: $BATON_OUTPUT is not a regular file of the task's user; ignored`];
    }
    const parser = new OutputFileParser(onSetting);
    const buffer = Buffer.alloc(READ_BYTES);
    let total = 0;
    for (;;) {
      // One byte past the bound, to tell a file of exactly the bound from a longer one.
      const want = Math.min(READ_BYTES, MAX_OUTPUT_FILE_BYTES + 1 - total);
      const { bytesRead } = await file.read(buffer, 0, want, null);
      if (bytesRead === 0) break;
      if (total + bytesRead > MAX_OUTPUT_FILE_BYTES) {
        parser.push(buffer.subarray(0, MAX_OUTPUT_FILE_BYTES - total));
        // The line cut at the bound is not ended: its value would be cut too.
        return [
          `baton: $BATON_OUTPUT is larger than ${MAX_OUTPUT_FILE_BYTES} bytes; the rest ignored`,
        ];
      }
      parser.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
    }
    parser.end();
    return [];
  } finally {
    await file.close();
  }
}

/**
 * The lines of a $BATON_OUTPUT file, fed in chunks: each line, trimmed (so a CRLF line loses its
 * `\r`), is one `name=value` setting; blank lines and lines starting with `#` are skipped. A
 * line is held only up to MAX_SETTING_BYTES (output-collector.ts); a longer one is handed on
 * cut, marked `truncated`.
 */
export class OutputFileParser {
  private readonly line = new SettingText();

  constructor(private readonly onSetting: (text: string, truncated: boolean) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(LF); end >= 0; end = chunk.indexOf(LF, start)) {
      this.line.append(chunk.subarray(start, end));
      this.endLine();
      start = end + 1;
    }
    this.line.append(chunk.subarray(start));
  }

  /** The file ended: its last line counts even without a newline. */
  end(): void {
    this.endLine();
  }

  private endLine(): void {
    const taken = this.line.take();
    const line = taken.text.trim();
    if (line === '' || line.startsWith('#')) return;
    this.onSetting(line, taken.truncated);
  }
}
