import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SETTING_BYTES } from './output-collector.js';
import {
  createOutputFile,
  MAX_OUTPUT_FILE_BYTES,
  OUTPUT_FILE_NAME,
  OutputFileParser,
  readOutputFile,
} from './output-file.js';

type Setting = [text: string, truncated: boolean];

function parse(chunks: (string | Buffer)[]): Setting[] {
  const found: Setting[] = [];
  const parser = new OutputFileParser((text, truncated) => found.push([text, truncated]));
  for (const chunk of chunks) parser.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  parser.end();
  return found;
}

const isRoot = process.getuid?.() === 0;

describe('OutputFileParser', () => {
  it('takes each line, trimmed; skips blank lines and comments; the last needs no newline', () => {
    const text = '# made by the task\nrows=42\n\n   \n  # indented comment\n  url = a=b \nlast=1';
    expect(parse([text])).toEqual([
      ['rows=42', false],
      ['url = a=b', false],
      ['last=1', false],
    ]);
  });

  it('reads CRLF lines and lines split anywhere between chunks', () => {
    const bytes = Buffer.from('a=1\r\nb=Zürich\r\n#c=3\r\n');
    const expected = [
      ['a=1', false],
      ['b=Zürich', false],
    ];
    for (let i = 0; i <= bytes.length; i += 1) {
      expect(parse([bytes.subarray(0, i), bytes.subarray(i)])).toEqual(expected);
    }
  });

  it('holds only the first bytes of an overlong line and marks it', () => {
    const long = 'v=' + 'x'.repeat(MAX_SETTING_BYTES);
    const found = parse([long.slice(0, 1000), long.slice(1000), '\nnext=1\n']);
    expect(found).toEqual([
      [long.slice(0, MAX_SETTING_BYTES), true],
      ['next=1', false],
    ]);
  });
});

describe('the output file on disk', () => {
  let dir: string;
  const uid = process.getuid?.() ?? -1;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-output-file-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function read(path: string, ownerUid = uid): Promise<[Setting[], string[]]> {
    const found: Setting[] = [];
    const notes = await readOutputFile(path, ownerUid, (text, t) => found.push([text, t]));
    return [found, notes];
  }

  it('is created empty and 0600, replacing what an earlier worker left', async () => {
    const cwd = mkdtempSync(join(dir, 'attempt-'));
    const target = join(dir, 'not-to-touch');
    writeFileSync(target, 'keep');
    symlinkSync(target, join(cwd, OUTPUT_FILE_NAME));
    const file = await createOutputFile(cwd, undefined);
    expect(file).toEqual({ path: join(cwd, OUTPUT_FILE_NAME), ownerUid: uid });
    const stat = statSync(file.path);
    expect(stat.isFile() && stat.size === 0 && (stat.mode & 0o777) === 0o600).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('keep');
  });

  it.runIf(isRoot)('belongs to the task user, who can write it', async () => {
    // As makeAttemptDir leaves it: reachable, and the task user's own.
    chmodSync(dir, 0o711);
    const cwd = mkdtempSync(join(dir, 'attempt-'));
    chownSync(cwd, 65534, 65534);
    const file = await createOutputFile(cwd, { uid: 65534, gid: 65534 });
    expect(file.ownerUid).toBe(65534);
    execFileSync('/bin/sh', ['-c', 'echo rows=7 >> "$1"', 'sh', file.path], {
      uid: 65534,
      gid: 65534,
    });
    expect(await read(file.path, 65534)).toEqual([[['rows=7', false]], []]);
  });

  it('gives nothing when the task removed it', async () => {
    expect(await read(join(dir, 'absent'))).toEqual([[], []]);
  });

  it('refuses a symbolic link, a FIFO and a file of another user, reading none', async () => {
    const secret = join(dir, 'secret');
    writeFileSync(secret, 'password=hunter2\n');
    const link = join(dir, 'link');
    symlinkSync(secret, link);
    const fifo = join(dir, 'fifo');
    execFileSync('/bin/sh', ['-c', 'mkfifo "$1"', 'sh', fifo]);
    expect((await read(link))[0]).toEqual([]);
    expect((await read(link))[1][0]).toMatch(/^baton: \$BATON_OUTPUT could not be read \(ELOOP\)/);
    const refused = "baton: $BATON_OUTPUT is not a regular file of the task's user; ignored";
    expect(await read(fifo)).toEqual([[], [refused]]);
    expect(await read(secret, uid + 1)).toEqual([[], [refused]]);
  });

  it(`stops reading past ${MAX_OUTPUT_FILE_BYTES} bytes`, async () => {
    const big = join(dir, 'big');
    writeFileSync(big, 'first=1\n');
    // Sparse: the rest reads as NUL bytes, one line that the bound cuts.
    truncateSync(big, MAX_OUTPUT_FILE_BYTES + 1);
    const [found, notes] = await read(big);
    // The line the bound cuts is not taken.
    expect(found).toEqual([['first=1', false]]);
    expect(notes).toEqual([
      `baton: $BATON_OUTPUT is larger than ${MAX_OUTPUT_FILE_BYTES} bytes; the rest ignored`,
    ]);
  });

  it(`reads a file of exactly ${MAX_OUTPUT_FILE_BYTES} bytes to its end`, async () => {
    const full = join(dir, 'full');
    const last = '\nlast=1\n';
    writeFileSync(full, 'first=1\n');
    truncateSync(full, MAX_OUTPUT_FILE_BYTES - last.length);
    appendFileSync(full, last);
    const [found, notes] = await read(full);
    expect(found.map(([text]) => (text.startsWith('\0') ? 'NULs' : text))).toEqual([
      'first=1',
      'NULs',
      'last=1',
    ]);
    expect(found[1]![1]).toBe(true);
    expect(notes).toEqual([]);
  });
});
