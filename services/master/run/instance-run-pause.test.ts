import { describe, expect, it } from 'vitest';
import { report, settle, spec, start, task } from './testing/run-fixtures.js';

describe('InstanceRun pause and resume (with fake ports)', () => {
  it('pause: the running task finishes, the next does not start; PAUSE; resume runs it', async () => {
    const { run, f } = start(spec([task('a'), task('b', { dependsOn: ['a'] })]));
    await settle(run);
    run.applyPause(true);
    await settle(run);
    expect(f.store.state).toBe('READY_PAUSE');
    expect(f.workers.kills).toEqual([]);
    await report(run, f, 'a', 'SUCCESS');
    await settle(run);
    expect(f.store.state).toBe('PAUSE');
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['a']);
    run.applyPause(false);
    await settle(run);
    expect(f.store.state).toBe('RUNNING');
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['a', 'b']);
    await report(run, f, 'b', 'SUCCESS');
    expect(f.store.state).toBe('SUCCESS');
  });

  it('the workflow timeout waits while paused and resumes with what was left', async () => {
    const { run, f } = start(
      spec([task('a'), task('b', { dependsOn: ['a'] })], { timeoutMs: 60_000 }),
    );
    await settle(run);
    f.clock.advance(40_000);
    run.applyPause(true);
    await report(run, f, 'a', 'SUCCESS');
    await settle(run);
    expect(f.store.state).toBe('PAUSE');
    f.clock.advance(600_000);
    await settle(run);
    expect(f.store.state).toBe('PAUSE');
    run.applyPause(false);
    await settle(run);
    f.clock.advance(19_999);
    await settle(run);
    expect(f.store.state).toBe('RUNNING');
    f.clock.advance(1);
    await settle(run);
    expect(f.store.state).toBe('READY_STOP');
  });

  it('a retry waits while paused; its interval goes on at the resume', async () => {
    const { run, f } = start(spec([task('a', { retries: 1, retryIntervalMs: 10_000 })]));
    await settle(run);
    await report(run, f, 'a', 'FAILURE');
    run.applyPause(true);
    await settle(run);
    expect(f.store.state).toBe('PAUSE');
    f.clock.advance(30_000);
    await settle(run);
    expect(f.workers.runs).toHaveLength(1);
    run.applyPause(false);
    await settle(run);
    expect(f.workers.runs).toHaveLength(1);
    f.clock.advance(10_000);
    await settle(run);
    expect(f.workers.runs).toHaveLength(2);
  });

  it('stop of a paused instance: READY_STOP, then STOP with nothing running', async () => {
    const { run, f } = start(spec([task('a'), task('b', { dependsOn: ['a'] })]));
    await settle(run);
    run.applyPause(true);
    await report(run, f, 'a', 'SUCCESS');
    await settle(run);
    expect(f.store.state).toBe('PAUSE');
    run.requestStop('by test');
    await settle(run);
    expect(f.store.state).toBe('STOP');
    expect(f.published).toEqual(['ended:1']);
  });
});
