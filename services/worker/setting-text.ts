import { MAX_SETTING_BYTES } from './output-collector.js';

/**
 * The text of one output setting as a reader collects it from pieces of output: only its first
 * {@link MAX_SETTING_BYTES} are held, however long it runs, and `take` says whether more came.
 */
export class SettingText {
  private pieces: Buffer[] = [];
  private kept = 0;
  private truncated = false;

  append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    const room = MAX_SETTING_BYTES - this.kept;
    if (bytes.length > room) this.truncated = true;
    if (room <= 0) return;
    // A copy: the chunk it comes from may be large, and is not ours to hold.
    const piece = Buffer.from(bytes.subarray(0, room));
    this.pieces.push(piece);
    this.kept += piece.length;
  }

  /** The text so far, decoded as UTF-8, and whether some was cut; starts afresh. */
  take(): { text: string; truncated: boolean } {
    const taken = { text: Buffer.concat(this.pieces).toString('utf8'), truncated: this.truncated };
    this.clear();
    return taken;
  }

  clear(): void {
    this.pieces = [];
    this.kept = 0;
    this.truncated = false;
  }
}
