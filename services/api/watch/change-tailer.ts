import type { Logger } from 'pino';
import { CoalescingLoop } from '../../../shared/coalescing-loop.js';
import type { ChangeEvent } from './change-event.js';
import { ChangeHorizon } from './change-horizon.js';
import type { WatchHub } from './watch-hub.js';

/** The reads the tailer needs (ChangeStore in production, a fake in unit tests). */
export interface ChangeSource {
  maxId(): Promise<bigint>;
  after(after: bigint, limit: number): Promise<ChangeEvent[]>;
  settled(after: bigint, through: bigint): Promise<ChangeEvent[]>;
}

export interface TailerSettings {
  /** How often `state_changes` is read for new rows. */
  pollMs: number;
  /** A gap open this long gets a settling read (it may be final: a rollback, a reserved id). */
  gapProbeMs: number;
  /** A gap open this long is given up as lost (logged, counted). */
  gapTimeoutMs: number;
  /** Rows read at most per read; a full read is followed by another at once. */
  batch: number;
}

/**
 * How far back, below the largest id at start, the tailer begins: a row with a smaller id whose
 * transaction was still open when this api started is then read too, not skipped.
 */
const START_LOOKBACK = 1_000n;

/**
 * The one poller of an api process: reads `state_changes` by id, moves the horizon over what is
 * settled (see ChangeHorizon for why a plain "largest id seen" cursor would lose rows) and
 * publishes those rows to the hub, once each, in id order. One query per `pollMs` serves every
 * stream of this api, however many there are.
 */
export class ChangeTailer {
  private loop: CoalescingLoop | undefined;
  private lostIds = 0n;

  private constructor(
    private readonly source: ChangeSource,
    private readonly hub: WatchHub,
    private readonly horizon: ChangeHorizon,
    private readonly settings: TailerSettings,
    private readonly log: Logger,
  ) {}

  /** Reads the current largest id; the hub must have been made with `startHorizon` of it. */
  static async startHorizon(source: ChangeSource): Promise<bigint> {
    const max = await source.maxId();
    return max > START_LOOKBACK ? max - START_LOOKBACK : 0n;
  }

  static create(
    source: ChangeSource,
    hub: WatchHub,
    from: bigint,
    settings: TailerSettings,
    log: Logger,
  ): ChangeTailer {
    return new ChangeTailer(source, hub, new ChangeHorizon(from), settings, log);
  }

  /** Ids given up as lost so far (gaps that outlived gapTimeoutMs). */
  get lost(): bigint {
    return this.lostIds;
  }

  start(): void {
    this.loop ??= new CoalescingLoop(
      () => this.pass(),
      this.settings.pollMs,
      (err) => this.log.warn({ err }, 'reading state_changes failed; retrying'),
    );
    this.loop.trigger();
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  /** One read (and a settling read when a gap has waited long enough); public for tests. */
  async tick(now = Date.now()): Promise<{ full: boolean }> {
    const rows = await this.source.after(this.horizon.horizon, this.settings.batch);
    this.horizon.add(rows);
    this.advance(now);
    const gap = this.horizon.openGap();
    if (gap !== undefined && now - gap.since >= this.settings.gapProbeMs) {
      try {
        this.horizon.add(await this.source.settled(gap.after, gap.through));
        this.horizon.settleThrough(gap.through);
      } catch (err) {
        // A transaction still holds its row (lock wait timeout): try again next pass.
        this.log.debug({ err, after: gap.after, through: gap.through }, 'gap not settled yet');
      }
      this.advance(now);
    }
    return { full: rows.length >= this.settings.batch };
  }

  private async pass(): Promise<void> {
    const { full } = await this.tick();
    if (full) this.loop?.trigger();
  }

  private advance(now: number): void {
    const { published, lost } = this.horizon.advance(now, this.settings.gapTimeoutMs);
    for (const [from, to] of lost) {
      this.lostIds += to - from + 1n;
      this.log.warn(
        { from: from.toString(), to: to.toString(), timeoutMs: this.settings.gapTimeoutMs },
        'state_changes ids never appeared; watchers move past them (a transaction held them ' +
          'uncommitted longer than WATCH_GAP_TIMEOUT_MS, or they were rolled back)',
      );
    }
    this.hub.publish(published);
    this.hub.passed(this.horizon.horizon);
  }
}
