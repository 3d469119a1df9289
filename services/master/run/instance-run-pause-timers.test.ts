/**
 * Timers across a pause, on the same owner and on a new one (issue 14): the workflow timeout
 * and a pending retry interval go on with the time that was left when the pause committed.
 * The pause is recorded on the row (paused_at, paused_spans), which a new owner reads.
 */
import { describe, expect, it } from 'vitest';
import type { InstanceRow } from '../../../shared/db/schema.js';
import type { WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import type { LeftBehind } from './testing/run-fixtures.js';
import { report, settle, spec, start, task } from './testing/run-fixtures.js';
import type { Fakes } from './testing/fake-ports.js';

/** The instance as MySQL has it after `f`'s run, adopted by a new owner at the same time. */
function adopt(
  s: WorkflowDefinitionSpec,
  f: Fakes,
  left: LeftBehind[],
  extra: Partial<InstanceRow>,
) {
  const next = start(s, {
    state: f.store.state,
    left,
    row: {
      started_at: f.store.startedAt,
      paused_at: f.store.pausedAt,
      paused_spans: f.store.pausedSpans,
      ...extra,
    },
  });
  next.f.clock.advance(f.clock.now() - next.f.clock.now());
  return next;
}

describe('InstanceRun timers across a pause', () => {
  it('a retry interval does not count the pause: it fires with what was left', async () => {
    const { run, f } = start(spec([task('a', { retries: 1, retryIntervalMs: 10_000 })]));
    await settle(run);
    await report(run, f, 'a', 'FAILURE');
    f.clock.advance(4_000);
    run.applyPause(true);
    await settle(run);
    expect(f.store.state).toBe('PAUSE');
    f.clock.advance(120_000);
    run.applyPause(false);
    await settle(run);
    f.clock.advance(5_999);
    await settle(run);
    expect(f.workers.runs).toHaveLength(1);
    f.clock.advance(1);
    await settle(run);
    expect(f.workers.runs).toHaveLength(2);
  });

  it('two pauses: each one is left out of the workflow timeout', async () => {
    const s = spec([task('a')], { timeoutMs: 60_000 });
    const { run, f } = start(s);
    await settle(run);
    for (const work of [20_000, 20_000]) {
      f.clock.advance(work);
      run.applyPause(true);
      await settle(run);
      f.clock.advance(300_000);
      run.applyPause(false);
      await settle(run);
    }
    f.clock.advance(19_999);
    await settle(run);
    expect(f.store.state).toBe('RUNNING');
    f.clock.advance(1);
    await settle(run);
    expect(f.store.state).toBe('READY_STOP');
  });

  it('a new owner of a PAUSE instance resumes the workflow timeout with what was left', async () => {
    const s = spec([task('a'), task('b', { dependsOn: ['a'] })], { timeoutMs: 60_000 });
    const first = start(s);
    await settle(first.run);
    first.f.clock.advance(40_000);
    first.run.applyPause(true);
    await report(first.run, first.f, 'a', 'SUCCESS');
    expect(first.f.store.state).toBe('PAUSE');
    first.f.clock.advance(600_000);
    first.run.drop();
    const a: LeftBehind = { def: s.tasks[0]!, id: 'a1', state: 'SUCCESS' };
    const { run, f } = adopt(s, first.f, [a], { pause_requested: 1 });
    await settle(run);
    expect(f.store.state).toBe('PAUSE');
    run.applyPause(false);
    await settle(run);
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['b']);
    f.clock.advance(19_999);
    await settle(run);
    expect(f.store.state).toBe('RUNNING');
    f.clock.advance(1);
    await settle(run);
    expect(f.store.state).toBe('READY_STOP');
  });

  it('a new owner after the resume: the pause still does not count', async () => {
    const s = spec([task('a', { retries: 1, retryIntervalMs: 10_000 })], { timeoutMs: 60_000 });
    const first = start(s);
    await settle(first.run);
    await report(first.run, first.f, 'a', 'FAILURE');
    const failedAt = new Date(first.f.clock.now());
    first.f.clock.advance(4_000);
    first.run.applyPause(true);
    await settle(first.run);
    first.f.clock.advance(100_000);
    first.run.applyPause(false);
    await settle(first.run);
    first.f.clock.advance(1_000);
    first.run.drop();
    const a: LeftBehind = { def: s.tasks[0]!, id: 'a1', state: 'FAILURE', endedAt: failedAt };
    const { run, f } = adopt(s, first.f, [a], {});
    await settle(run);
    f.clock.advance(4_999);
    await settle(run);
    expect(f.workers.runs).toHaveLength(0);
    f.clock.advance(1);
    await settle(run);
    expect(f.workers.runs.map((r) => [r.task_name, r.attempt])).toEqual([['a', 2]]);
    // Started, 4 s, paused 100 s, 1 s + 5 s: the timeout has 50 s left.
    f.clock.advance(49_999);
    await settle(run);
    expect(f.store.state).toBe('RUNNING');
    f.clock.advance(1);
    await settle(run);
    expect(f.store.state).toBe('READY_STOP');
  });
});
