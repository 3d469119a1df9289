/**
 * Controls an owner carries out besides pause and resume (issue 14): a force-success of a
 * paused instance's task, and a pause recorded on a child before it ran.
 */
import { describe, expect, it } from 'vitest';
import { report, settle, spec, start, task } from './testing/run-fixtures.js';

describe('InstanceRun controls (with fake ports)', () => {
  it('force-success of a PAUSE instance: the failed task is forced once, resume runs what follows', async () => {
    const s = spec([
      task('a', { retries: 1, retryIntervalMs: 60_000 }),
      task('b', { dependsOn: ['a'] }),
    ]);
    const { run, f } = start(s);
    await settle(run);
    await report(run, f, 'a', 'FAILURE');
    run.applyPause(true);
    await settle(run);
    expect(f.store.state).toBe('PAUSE');
    const a = f.store.task('a')!;
    run.applyPause(true, [a.id]);
    run.applyPause(true, [a.id]);
    await settle(run);
    expect(a.state).toBe('FORCED_SUCCESS');
    expect(f.store.writes.filter((w) => w.endsWith('->FORCED_SUCCESS'))).toHaveLength(1);
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['a']);
    run.applyPause(false, [a.id]);
    await settle(run);
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['a', 'b']);
    await report(run, f, 'b', 'SUCCESS');
    expect(f.store.state).toBe('SUCCESS');
  });

  it('a force request is left alone while the instance runs, or once the task ran again', async () => {
    const s = spec([task('a', { retries: 1 }), task('b', { dependsOn: ['a'] })]);
    const { run, f } = start(s);
    await settle(run);
    const first = f.store.task('a')!;
    run.applyPause(false, [first.id]);
    await settle(run);
    expect(first.state).not.toBe('FORCED_SUCCESS');
    await report(run, f, 'a', 'FAILURE');
    expect(f.store.task('a', 2)).toBeDefined();
    run.applyPause(true, [first.id]);
    await settle(run);
    expect(first.state).toBe('FAILURE');
  });

  it('a child paused before it ran pauses as it starts: no task runs', async () => {
    const { run, f } = start(spec([task('a'), task('b', { dependsOn: ['a'] })]), {
      row: { parent_instance_id: '9', pause_requested: 1 },
    });
    await settle(run);
    expect(f.store.writes).toEqual([
      'instance:SUBMITTED->RUNNING',
      'instance:RUNNING->READY_PAUSE',
      'instance:READY_PAUSE->PAUSE',
    ]);
    expect(f.workers.runs).toEqual([]);
    run.applyPause(false);
    await settle(run);
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['a']);
  });

  it('a pause pushed while the instance waits for its serial turn is kept for its start', async () => {
    const { run, f } = start(spec([task('a')], { executionType: 'SERIAL_WAIT' }));
    f.serial.decision = 'QUEUED';
    await settle(run);
    expect(f.store.state).toBe('SERIAL_WAIT');
    run.applyPause(true);
    run.onSerialDecision('ADMITTED');
    await settle(run);
    expect(f.store.state).toBe('PAUSE');
    expect(f.workers.runs).toEqual([]);
  });

  it('a child a pause could not be told about is told again by the reconciler', async () => {
    const { run, f } = start(
      spec([task('c', { type: 'SUB_WORKFLOW', command: '', workflow: 'child' })]),
    );
    await settle(run);
    expect(f.submitted).toHaveLength(1);
    f.childPauseFailures.left = 1;
    run.applyPause(true);
    await settle(run);
    expect(f.pausedChildren).toEqual([]);
    run.reconcile(false, null, true);
    await settle(run);
    expect(f.pausedChildren).toEqual(f.submitted);
    // Told once it worked: the next pass tells nobody again.
    run.reconcile(false, null, true);
    await settle(run);
    expect(f.pausedChildren).toEqual(f.submitted);
  });
});
