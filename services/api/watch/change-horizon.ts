import type { ChangeEvent } from './change-event.js';

/**
 * The point up to which this api has seen `state_changes` for good, and the rows read beyond it.
 *
 * Why not just "the largest id read so far": `state_changes.id` is AUTO_INCREMENT, allocated
 * when a row is inserted, not when its transaction commits. Two writers can take ids 6 and 7,
 * and 7 commit first: a reader then sees 7 and not yet 6. A tailer that moved its cursor to 7
 * would never read 6, and a client resuming "after 7" would miss it too. So rows are published
 * only up to the horizon: the largest id H such that every id ≤ H was either seen or is known
 * never to appear. A missing id (a gap) stops the horizon until
 *  - the row appears (its transaction committed; the usual case, milliseconds), or
 *  - a settling read says the gap is final (`settledThrough`): ids of rolled-back transactions
 *    and ids InnoDB reserved but never used leave permanent gaps, or
 *  - the gap has been open `gapTimeoutMs` (a transaction holding its change uncommitted that
 *    long, or settling reads failing): it is given up as lost, and reported.
 * Rows behind an open gap wait in `pending`; they are published in id order once it closes.
 */
export class ChangeHorizon {
  private readonly pending = new Map<bigint, ChangeEvent>();
  private settled: bigint;
  /** When the gap right above the horizon was first seen open (undefined: no gap). */
  private gapSince: number | undefined;

  constructor(private current: bigint) {
    this.settled = current;
  }

  /** Every id up to here is published or lost. */
  get horizon(): bigint {
    return this.current;
  }

  /** The open gap right above the horizon, if rows beyond it wait: what a settling read covers. */
  openGap(): { after: bigint; through: bigint; since: number } | undefined {
    if (this.gapSince === undefined || this.pending.size === 0) return undefined;
    return { after: this.current, through: this.maxPending(), since: this.gapSince };
  }

  /** Rows read from `state_changes` (any order; ids at or below the horizon are ignored). */
  add(rows: readonly ChangeEvent[]): void {
    for (const row of rows) if (row.id > this.current) this.pending.set(row.id, row);
  }

  /**
   * A settling read has returned every row that will ever exist with an id ≤ `through` (the
   * rows themselves go to `add`): the ids still missing up to there are final gaps.
   */
  settleThrough(through: bigint): void {
    if (through > this.settled) this.settled = through;
  }

  /**
   * Moves the horizon as far as it can go and returns the rows it passed, in id order, and the
   * id ranges it gave up as lost after `gapTimeoutMs` (never those a settling read closed).
   */
  advance(
    now: number,
    gapTimeoutMs: number,
  ): { published: ChangeEvent[]; lost: Array<[bigint, bigint]> } {
    const published: ChangeEvent[] = [];
    const lost: Array<[bigint, bigint]> = [];
    while (this.pending.size > 0) {
      const next = this.current + 1n;
      const row = this.pending.get(next);
      if (row !== undefined) {
        published.push(row);
        this.pending.delete(next);
        this.current = next;
        this.gapSince = undefined;
        continue;
      }
      const beforeNextRow = this.minPending() - 1n;
      if (this.settled >= next) {
        this.current = this.settled < beforeNextRow ? this.settled : beforeNextRow;
        this.gapSince = undefined;
        continue;
      }
      if (this.gapSince !== undefined && now - this.gapSince >= gapTimeoutMs) {
        lost.push([next, beforeNextRow]);
        this.current = beforeNextRow;
        this.gapSince = undefined;
        continue;
      }
      this.gapSince ??= now;
      break;
    }
    if (this.settled < this.current) this.settled = this.current;
    return { published, lost };
  }

  private minPending(): bigint {
    let min: bigint | undefined;
    for (const id of this.pending.keys()) if (min === undefined || id < min) min = id;
    return min ?? this.current;
  }

  private maxPending(): bigint {
    let max = this.current;
    for (const id of this.pending.keys()) if (id > max) max = id;
    return max;
  }
}
