/**
 * The controls workload (issue 14): an operator at random. About every half second it reads the
 * controls instances' states from MySQL and acts on one of them as an operator would — pause a
 * RUNNING one, stop one, resume a STOP one, force a failed task and recover, fix the cause of a
 * failure (the flag file of task-script.ts) and recover, or recover without fixing it — and
 * sometimes sends a control the state does not allow, which must be refused. Every instance
 * it sees paused is resumed after a few seconds, and `resumeAll` resumes what is left at the
 * end, so every run can end and the "never stuck" checks (S2, F3) still judge it. Each call is
 * kept with its answer and the time it was sent and answered: the history C1 judges.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../shared/db/connect.js';
import { errorMessage, FailedPreconditionError } from '../../shared/errors.js';
import type { ApiClient } from './cluster.js';
import { CONTROL_WORKFLOWS } from './definitions-controls.js';
import type { Rng } from './rng.js';

export type ControlOp = 'pause' | 'resume' | 'stop' | 'recover' | 'force-success';

/** One control call and its answer. */
export interface ControlCall {
  op: ControlOp;
  instance: string;
  /** The task of a force-success; null otherwise. */
  task: string | null;
  /** When it was sent, and when its answer came back (epoch ms, the runner's clock). */
  sentAt: number;
  at: number;
  /** `OK`, or the error's class: `FailedPreconditionError` when the state had moved on. */
  outcome: string;
  /** The instance's state in an OK answer. */
  state: string | null;
}

interface ControlledRow {
  id: string;
  state: string;
  pauseRequested: boolean;
}

/** How long an instance seen paused stays paused before it is resumed. */
const HOLD_PAUSED_MS: [number, number] = [1_000, 5_000];
/** Recovers and resumes from STOP per instance: after that it may stay ended. */
const MAX_REOPENS = 3;
/** Deadline of each control call: long enough to outlast a master failover. */
const CALL_TIMEOUT_MS = 15_000;

export class Controls {
  readonly calls: ControlCall[] = [];
  private readonly resumeAt = new Map<string, number>();
  private readonly reopens = new Map<string, number>();

  constructor(
    private readonly api: ApiClient,
    private readonly db: Db,
    private readonly fixDir: string,
    private readonly rng: Rng,
    private readonly log: (line: string) => void,
  ) {
    mkdirSync(fixDir, { recursive: true });
  }

  /** Resumes what has been held paused long enough, then acts on one instance at random. */
  async tick(): Promise<void> {
    const rows = await this.read();
    const now = Date.now();
    for (const row of rows) {
      if (!isPaused(row)) this.resumeAt.delete(row.id);
      else if (!this.resumeAt.has(row.id))
        this.resumeAt.set(row.id, now + this.rng.int(...HOLD_PAUSED_MS));
      else if (this.resumeAt.get(row.id)! <= now) {
        this.resumeAt.delete(row.id);
        await this.call('resume', row.id);
      }
    }
    // Ended ones carried on MAX_REOPENS times are left ended.
    const ended = ['FAILURE', 'STOP'];
    const open = rows.filter((r) => !ended.includes(r.state) || this.reopensOf(r.id) < MAX_REOPENS);
    if (open.length > 0) await this.act(this.rng.pick(open));
  }

  /**
   * Resumes every controls instance still paused or asked to pause, until none is or `limitMs`
   * passed (MySQL may just have been healed: a failing read is tried again). Children are not
   * resumed here: their parent's resume must do it. Returns how many are still paused.
   */
  async resumeAll(limitMs: number): Promise<number> {
    const until = Date.now() + limitMs;
    let left = -1;
    while (Date.now() < until) {
      try {
        const paused = (await this.read()).filter(isPaused);
        left = paused.length;
        if (left === 0) return 0;
        for (const row of paused) await this.call('resume', row.id);
      } catch (err) {
        this.log(`controls: reading paused instances: ${errorMessage(err)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return left;
  }

  private async act(row: ControlledRow): Promise<void> {
    const r = this.rng.next();
    switch (row.state) {
      case 'RUNNING':
        if (row.pauseRequested) return;
        if (r < 0.5) await this.call('pause', row.id);
        else if (r < 0.6) await this.call('stop', row.id);
        else if (r < 0.65) await this.call('recover', row.id); // refused: not FAILURE
        return;
      case 'PAUSE':
      case 'READY_PAUSE':
        if (r < 0.15) await this.call('stop', row.id);
        else if (r < 0.25) await this.call('pause', row.id); // idempotent
        return;
      case 'STOP':
        if (r < 0.3) await this.forceOne(row.id);
        if (r < 0.8) await this.reopen('resume', row.id);
        return;
      case 'FAILURE':
        if (r < 0.3) await this.forceOne(row.id);
        else if (r < 0.8) await this.fix(row.id);
        await this.reopen('recover', row.id);
        return;
      default:
        // SUBMITTED, SERIAL_WAIT: controls these states refuse (or answer as they are).
        if (r < 0.2) await this.call(this.rng.pick(['pause', 'recover'] as const), row.id);
    }
  }

  private reopensOf(id: string): number {
    return this.reopens.get(id) ?? 0;
  }

  private async reopen(op: 'resume' | 'recover', id: string): Promise<void> {
    this.reopens.set(id, this.reopensOf(id) + 1);
    await this.call(op, id);
  }

  /** Forces one task whose newest attempt ended FAILURE or KILL, if there is one. */
  private async forceOne(id: string): Promise<void> {
    const rows = await this.db
      .selectFrom('task_instances')
      .select(['task', 'attempt', 'state'])
      .where('instance_id', '=', id)
      .orderBy('attempt', 'desc')
      .execute();
    const newest = new Map<string, string>();
    for (const t of rows) if (!newest.has(t.task)) newest.set(t.task, t.state);
    const failed = [...newest].filter(([, s]) => s === 'FAILURE' || s === 'KILL');
    if (failed.length > 0) await this.call('force-success', id, this.rng.pick(failed)[0]);
  }

  /** Fixes the cause of `fails: fix` tasks for the instance and its descendants (children). */
  private async fix(id: string): Promise<void> {
    let level = [id];
    while (level.length > 0) {
      for (const i of level) writeFileSync(join(this.fixDir, i), '');
      const children = await this.db
        .selectFrom('workflow_instances')
        .select('id')
        .where('parent_instance_id', 'in', level)
        .execute();
      level = children.map((c) => c.id);
    }
  }

  private async call(op: ControlOp, id: string, task: string | null = null): Promise<void> {
    const sentAt = Date.now();
    const options = { timeoutMs: CALL_TIMEOUT_MS };
    let outcome = 'OK';
    let state: string | null = null;
    try {
      const answer =
        op === 'pause'
          ? await this.api.PauseInstance({ id }, options)
          : op === 'resume'
            ? await this.api.ResumeInstance({ id }, options)
            : op === 'stop'
              ? await this.api.StopInstance({ id }, options)
              : op === 'recover'
                ? await this.api.RecoverInstance({ id, start_tasks: [] }, options)
                : await this.api.ForceTaskSuccess({ id, task: task ?? '' }, options);
      state = answer.state;
    } catch (err) {
      outcome = err instanceof Error ? err.constructor.name : 'Error';
      // A refusal because the state moved on is expected; anything else is worth a line.
      if (!(err instanceof FailedPreconditionError))
        this.log(`control ${op} ${id}${task === null ? '' : ` ${task}`}: ${errorMessage(err)}`);
    }
    this.calls.push({ op, instance: id, task, sentAt, at: Date.now(), outcome, state });
  }

  /** Unended (and failed or stopped) root instances of the controls definitions. */
  private async read(): Promise<ControlledRow[]> {
    const rows = await this.db
      .selectFrom('workflow_instances')
      .select(['id', 'state', 'pause_requested'])
      .where('workflow', 'in', [...CONTROL_WORKFLOWS])
      .where('parent_instance_id', 'is', null)
      .where('state', 'not in', ['SUCCESS', 'SERIAL_DISCARD'])
      .execute();
    return rows.map((r) => ({ id: r.id, state: r.state, pauseRequested: r.pause_requested === 1 }));
  }
}

/** Paused, pausing, or asked to pause and not ended. */
function isPaused(row: ControlledRow): boolean {
  if (row.state === 'PAUSE' || row.state === 'READY_PAUSE') return true;
  return row.pauseRequested && ['RUNNING', 'SUBMITTED', 'SERIAL_WAIT'].includes(row.state);
}
