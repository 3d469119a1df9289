import { SettingText } from './setting-text.js';

const OPEN = Buffer.from('${setValue(');
const DOLLAR = 0x24;
const CLOSE_PAREN = 0x29;
const CLOSE_BRACE = 0x7d;
const PAREN = Buffer.of(CLOSE_PAREN);
const LF = 0x0a;
const CR = 0x0d;

/**
 * Finds DolphinScheduler's `${setValue(name=value)}` in a task's output as it streams past, chunk
 * by chunk, and hands each match's inner text to `onMatch`. It matches what DolphinScheduler's
 * `\$\{setValue\((.*?)\)\}` finds on each line: every match on a line, each one ending at the
 * first `)}` after its opening, none spanning a line end (`\n`, or `\r` as Java's readLine
 * splits on it too, so CRLF lines work). A chunk may end anywhere, inside an opening or between
 * `)` and `}`.
 *
 * No line is held: only the text of the match being read, up to MAX_SETTING_BYTES
 * (output-collector.ts); a longer one is reported with its first bytes and `truncated`. Matching works on bytes, which is
 * safe for UTF-8: every byte of a multi-byte character is >= 0x80, so none is taken for `$`,
 * `)`, `}` or a line end; the inner text is decoded once it is complete.
 */
export class SetValueScanner {
  /** Bytes of OPEN matched so far, while looking for an opening. */
  private opened = 0;
  private capturing = false;
  private readonly text = new SettingText();
  /** A `)` was seen last, inside a match: it closes the match if `}` comes next. */
  private closeParen = false;

  constructor(private readonly onMatch: (text: string, truncated: boolean) => void) {}

  /** Scans the next piece of output. */
  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.capturing) {
        i = this.capture(chunk, i);
        continue;
      }
      if (this.opened === 0) {
        // Most output has no `$` at all: skip to the next one natively.
        const next = chunk.indexOf(DOLLAR, i);
        if (next < 0) return;
        i = next;
      }
      const byte = chunk[i]!;
      i += 1;
      if (byte === OPEN[this.opened]) {
        this.opened += 1;
        if (this.opened === OPEN.length) this.startCapture();
      } else {
        // OPEN has no `$` but its first byte, so a mismatch can only restart at this byte.
        this.opened = byte === DOLLAR ? 1 : 0;
      }
    }
  }

  /** Reads match text from `chunk[from..]` up to its end or the match's; returns where it stopped. */
  private capture(chunk: Buffer, from: number): number {
    let i = from;
    let start = from;
    while (i < chunk.length) {
      const byte = chunk[i]!;
      if (this.closeParen) {
        this.closeParen = false;
        if (byte === CLOSE_BRACE) {
          this.endCapture(true);
          return i + 1;
        }
        // The held-back `)` was text after all (`start` is just past it, so order is kept).
        this.text.append(PAREN);
      }
      if (byte === LF || byte === CR) {
        this.endCapture(false);
        return i + 1;
      }
      if (byte === CLOSE_PAREN) {
        this.text.append(chunk.subarray(start, i));
        // Held back until the next byte says whether it closes the match.
        this.closeParen = true;
        start = i + 1;
      }
      i += 1;
    }
    this.text.append(chunk.subarray(start, i));
    return i;
  }

  private startCapture(): void {
    this.opened = 0;
    this.capturing = true;
    this.text.clear();
    this.closeParen = false;
  }

  private endCapture(matched: boolean): void {
    this.capturing = false;
    const { text, truncated } = this.text.take();
    if (matched) this.onMatch(text, truncated);
  }
}
