/** The largest value an output may have, in UTF-8 bytes once trimmed. */
export const MAX_OUTPUT_VALUE_BYTES = 64 * 1024;
/**
 * How much of one setting's text (`name=value`) a reader keeps; past it the setting is dropped
 * as too large. The slack over the value cap leaves room for the name and blanks around it.
 */
export const MAX_SETTING_BYTES = MAX_OUTPUT_VALUE_BYTES + 1024;
/** At most this many outputs per task. */
export const MAX_OUTPUTS = 100;
/** At most this many bytes (names plus values, UTF-8) of outputs per task. */
export const MAX_OUTPUTS_TOTAL_BYTES = 256 * 1024;
/** Lines about ignored or dropped settings a task log gets at most (plus one summing up the rest). */
const MAX_NOTES = 100;
/** Names in notes are cut here: a declared name is at most 128 characters anyway. */
const NOTE_NAME_CHARS = 128;

/** What a successful attempt reports: its outputs, and the lines its log should get about them. */
export interface CollectedOutputs {
  outputs: Record<string, string>;
  notes: string[];
}

/**
 * The OUT params of one attempt, from the `name=value` settings it made, offered in the order
 * they were made. Only declared names are kept; for a name set more than once the last setting
 * wins, so a caller that offers the `${setValue(...)}` settings of stdout first and the lines of
 * the $BATON_OUTPUT file after makes the file win over stdout.
 *
 * Bounds: a value up to {@link MAX_OUTPUT_VALUE_BYTES} (a larger setting is dropped, and an
 * earlier value of the name stands); at most {@link MAX_OUTPUTS} names (a name first set after
 * that many others is dropped); at most {@link MAX_OUTPUTS_TOTAL_BYTES} in all (names are taken in
 * the order they were first set; the first that would pass the total, and every one after it,
 * is dropped). Each drop and each undeclared name gets one note. So it holds at most
 * MAX_OUTPUTS values of MAX_OUTPUT_VALUE_BYTES, however much the task prints.
 */
export class OutputCollector {
  private readonly declared: ReadonlySet<string>;
  /** Declared names by the order they were first set; `Map` keeps insertion order. */
  private readonly values = new Map<string, string>();
  private readonly notes: string[] = [];
  private readonly undeclaredNoted = new Set<string>();
  private notesLeftOut = 0;

  constructor(declared: readonly string[]) {
    this.declared = new Set(declared);
  }

  /**
   * One setting: `name=value`, the name being the text before the first `=` and the value the
   * rest, both trimmed. `truncated` says the reader kept only the first {@link MAX_SETTING_BYTES}
   * of it.
   */
  offer(text: string, truncated: boolean): void {
    const eq = text.indexOf('=');
    const name = eq < 0 ? '' : text.slice(0, eq).trim();
    if (name === '') {
      this.note(`baton: output setting ${quote(text)} is not name=value; ignored`);
      return;
    }
    if (!this.declared.has(name)) {
      // Kept cut, so that the set stays small whatever names a task invents.
      const key = name.slice(0, NOTE_NAME_CHARS);
      if (this.undeclaredNoted.has(key)) return;
      if (this.undeclaredNoted.size < MAX_NOTES) this.undeclaredNoted.add(key);
      this.note(`baton: output ${quote(name)} is not declared in outputs; ignored`);
      return;
    }
    const value = text.slice(eq + 1).trim();
    if (truncated || Buffer.byteLength(value) > MAX_OUTPUT_VALUE_BYTES) {
      this.note(
        `baton: output ${quote(name)} is larger than ${MAX_OUTPUT_VALUE_BYTES} bytes; dropped`,
      );
      return;
    }
    if (!this.values.has(name) && this.values.size >= MAX_OUTPUTS) {
      this.note(`baton: output ${quote(name)} dropped: at most ${MAX_OUTPUTS} outputs are kept`);
      return;
    }
    this.values.set(name, value);
  }

  /** The outputs kept, and the notes (about the total cap too); call once, after every offer. */
  finish(): CollectedOutputs {
    const kept: [string, string][] = [];
    let total = 0;
    let full = false;
    for (const [name, value] of this.values) {
      total += Buffer.byteLength(name) + Buffer.byteLength(value);
      full ||= total > MAX_OUTPUTS_TOTAL_BYTES;
      if (full) {
        this.note(
          `baton: output ${quote(name)} dropped: outputs total more than ${MAX_OUTPUTS_TOTAL_BYTES} bytes`,
        );
      } else {
        kept.push([name, value]);
      }
    }
    // fromEntries defines own properties: a name like `__proto__` stays a plain key.
    const outputs = Object.fromEntries(kept);
    const notes = [...this.notes];
    if (this.notesLeftOut > 0) {
      notes.push(`baton: ${this.notesLeftOut} more notes about outputs left out`);
    }
    return { outputs, notes };
  }

  private note(line: string): void {
    if (this.notes.length < MAX_NOTES) this.notes.push(line);
    else this.notesLeftOut += 1;
  }
}

/** A name or text as a JSON string: quoted, control characters escaped, cut when long. */
function quote(text: string): string {
  return JSON.stringify(
    text.length > NOTE_NAME_CHARS ? `${text.slice(0, NOTE_NAME_CHARS)}…` : text,
  );
}
