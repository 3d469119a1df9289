import { errorMessage } from '../../shared/errors.js';
import { OutputCollector, type CollectedOutputs } from './output-collector.js';
import { readOutputFile, type OutputFile } from './output-file.js';
import { SetValueScanner } from './set-value-scanner.js';

/**
 * The declared OUT params of one attempt, from its two sources: `${setValue(name=value)}` in its
 * output (stdout and stderr share the log's pipe, as in DolphinScheduler, whose log merges them
 * too), scanned as the output passes to the log, all of it, also past the log's cap; and the
 * `name=value` lines of its $BATON_OUTPUT file, read once it has ended. The caller asks only for
 * an attempt that succeeded: a failed or killed one reports none.
 */
export class AttemptOutputs {
  private readonly collector: OutputCollector;
  private readonly scanner: SetValueScanner;

  constructor(
    declared: readonly string[],
    private readonly file: OutputFile,
  ) {
    this.collector = new OutputCollector(declared);
    this.scanner = new SetValueScanner((text, truncated) => this.collector.offer(text, truncated));
  }

  /** Sees the next piece of the task's output. */
  scan(chunk: Buffer): void {
    this.scanner.push(chunk);
  }

  /**
   * Reads the file and returns the outputs with the lines the task log should get about them.
   * Call once, after the output is drained. Never rejects: a file that cannot be read costs its
   * settings (and says so in a note), not the attempt's result.
   */
  async collect(): Promise<CollectedOutputs> {
    let fileNotes: string[];
    try {
      // After every stdout setting was offered: for a name set in both, the file wins.
      fileNotes = await readOutputFile(this.file.path, this.file.ownerUid, (text, truncated) =>
        this.collector.offer(text, truncated),
      );
    } catch (err) {
      fileNotes = [`baton: $BATON_OUTPUT could not be read (${errorMessage(err)}); ignored`];
    }
    const { outputs, notes } = this.collector.finish();
    return { outputs, notes: [...notes, ...fileNotes] };
  }
}
