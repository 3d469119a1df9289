import { describe, expect, it } from 'vitest';
import { DeadlineExceededError, UnavailableError } from '../../../shared/errors.js';
import { worker } from './testing/fake-ports.js';
import { report, settle, spec, start, task } from './testing/run-fixtures.js';

describe('InstanceRun (with fake ports)', () => {
  it('start → dispatch → report → end: RUNNING, the task sent with its params and declared outputs, SUCCESS, ended published', async () => {
    const { run, f } = start(spec([task('a', { outputs: ['rows', 'file'] })]));
    await settle(run);
    expect(f.store.writes).toEqual([
      'instance:SUBMITTED->RUNNING',
      'task:a#1:->DISPATCHED',
      'task:a#1:DISPATCHED->RUNNING',
    ]);
    expect(f.workers.runs).toHaveLength(1);
    expect(f.workers.runs[0]).toMatchObject({
      task_name: 'a',
      epoch: '7',
      takeover_only: false,
      outputs: ['rows', 'file'],
    });
    expect(f.workers.runs[0]!.params).toMatchObject({
      day: '2026-01-01',
      'system.instance.id': '1',
    });
    await report(run, f, 'a', 'SUCCESS');
    expect(f.store.state).toBe('SUCCESS');
    expect(f.published).toEqual(['ended:1']);
  });

  it('a dependent task starts only after its dependency succeeded', async () => {
    const { run, f } = start(spec([task('a'), task('b', { dependsOn: ['a'] })]));
    await settle(run);
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['a']);
    await report(run, f, 'a', 'SUCCESS');
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['a', 'b']);
    await report(run, f, 'b', 'SUCCESS');
    expect(f.store.state).toBe('SUCCESS');
  });

  it('retry: a failure is retried after its interval as attempt 2 (not before), then SUCCESS', async () => {
    const { run, f } = start(spec([task('a', { retries: 1, retryIntervalMs: 5_000 })]));
    await settle(run);
    await report(run, f, 'a', 'FAILURE');
    f.clock.advance(4_999);
    await settle(run);
    expect(f.workers.runs).toHaveLength(1);
    f.clock.advance(1);
    await settle(run);
    expect(f.workers.runs.map((r) => r.attempt)).toEqual([1, 2]);
    await report(run, f, 'a', 'SUCCESS', 2);
    expect(f.store.state).toBe('SUCCESS');
  });

  it('retries used up: the instance ends FAILURE naming the task', async () => {
    const { run, f } = start(spec([task('a'), task('b', { dependsOn: ['a'] })]));
    await settle(run);
    await report(run, f, 'a', 'FAILURE');
    expect(f.store.state).toBe('FAILURE');
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['a']);
  });

  it('workflow timeout (STOP): READY_STOP at the deadline, the running task is killed, then STOP', async () => {
    const { run, f } = start(spec([task('a')], { timeoutMs: 60_000 }));
    await settle(run);
    f.clock.advance(59_999);
    await settle(run);
    expect(f.store.state).toBe('RUNNING');
    f.clock.advance(1);
    await settle(run);
    expect(f.store.state).toBe('READY_STOP');
    expect(f.workers.kills).toEqual([f.store.task('a')!.id]);
    await report(run, f, 'a', 'KILL');
    expect(f.store.state).toBe('STOP');
    expect(f.store.task('a')!.state).toBe('KILL');
  });

  it('stop: READY_STOP, kill sent once, STOP once the task is gone; a stop while waiting never runs anything', async () => {
    const { run, f } = start(spec([task('a')]));
    await settle(run);
    run.requestStop('by test');
    run.requestStop('again');
    await settle(run);
    expect([f.store.state, f.workers.kills.length]).toEqual(['READY_STOP', 1]);
    await report(run, f, 'a', 'KILL');
    expect(f.store.state).toBe('STOP');

    const waiting = start(spec([task('a')], { executionType: 'SERIAL_WAIT' }), {
      row: { stop_requested: 1, stop_reason: 'stopped early' },
      state: 'SERIAL_WAIT',
    });
    await settle(waiting.run);
    expect(waiting.f.serial.calls).toEqual(['remove:1']);
    expect([waiting.f.store.state, waiting.f.workers.runs.length]).toEqual(['STOP', 0]);
  });

  it('adoption of a half-finished instance: a task on a live worker is taken over, not re-run; the rest continues', async () => {
    const a = task('a');
    const b = task('b', { dependsOn: ['a'] });
    const { run, f } = start(spec([a, b]), {
      state: 'RUNNING',
      running: [{ def: a, id: '50', worker: 'w1' }],
    });
    await settle(run);
    expect(f.workers.runs.map((r) => [r.task_instance_id, r.takeover_only])).toEqual([
      ['50', true],
    ]);
    await report(run, f, 'a', 'SUCCESS');
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['a', 'b']);
    await report(run, f, 'b', 'SUCCESS');
    expect(f.store.state).toBe('SUCCESS');
  });

  it('adoption: a take-over the worker did not answer is sent again until it does (else its result stays addressed to the old epoch)', async () => {
    const a = task('a');
    const { run, f } = start(spec([a]), {
      state: 'RUNNING',
      running: [{ def: a, id: '50', worker: 'w1' }],
    });
    f.workers.failWith = new UnavailableError('connect ECONNREFUSED');
    await settle(run);
    expect(f.workers.runs).toHaveLength(1);
    f.workers.failWith = undefined;
    f.clock.advance(1_000);
    await settle(run);
    expect(f.workers.runs.map((r) => [r.task_instance_id, r.takeover_only])).toEqual([
      ['50', true],
      ['50', true],
    ]);
    f.clock.advance(5_000);
    await settle(run);
    expect(f.workers.runs, 'confirmed: not sent again').toHaveLength(2);
    await report(run, f, 'a', 'SUCCESS');
    expect(f.store.state).toBe('SUCCESS');
  });

  it('adoption when the worker is gone: the attempt is NEED_FAULT_TOLERANCE and runs again as attempt 2', async () => {
    const a = task('a');
    const { run, f } = start(spec([a]), {
      state: 'RUNNING',
      running: [{ def: a, id: '60', worker: 'gone-worker' }],
    });
    await settle(run);
    expect(f.store.task('a', 1)!.state).toBe('NEED_FAULT_TOLERANCE');
    expect(f.workers.runs.map((r) => r.attempt)).toEqual([2]);
  });

  it('a worker that leaves mid-run loses its attempt; it runs again elsewhere without spending a retry', async () => {
    const { run, f } = start(spec([task('a')]));
    await settle(run);
    f.workers.live.set('w2', worker('w2'));
    f.workers.live.delete('w1');
    run.onWorkerGone(worker('w1'));
    await settle(run);
    expect(f.store.task('a', 1)!.state).toBe('NEED_FAULT_TOLERANCE');
    expect(f.store.task('a', 2)).toMatchObject({ state: 'RUNNING', worker: 'w2' });
  });

  it('lost ownership mid-transition: the run drops itself without writing again and says so (no release)', async () => {
    const { run, f } = start(spec([task('a'), task('b', { dependsOn: ['a'] })]));
    await settle(run);
    f.store.epoch = 8n; // another master claimed it
    const writes = f.store.writes.length;
    await expect(report(run, f, 'a', 'SUCCESS')).rejects.toThrow(/owned at epoch 8/);
    await settle(run);
    expect(f.published).toEqual(['dropped:1:false']);
    expect(f.store.writes).toHaveLength(writes);
    run.requestStop('late');
    f.clock.advance(60_000);
    await settle(run);
    expect(f.store.writes).toHaveLength(writes);
  });

  it('failure strategy END: a final failure kills the running sibling, then FAILURE', async () => {
    const { run, f } = start(spec([task('a'), task('b')], { failureStrategy: 'END' }));
    await settle(run);
    await report(run, f, 'a', 'FAILURE');
    expect(f.workers.kills).toEqual([f.store.task('b')!.id]);
    await report(run, f, 'b', 'KILL');
    expect(f.store.state).toBe('FAILURE');
  });

  it('serial: queued → SERIAL_WAIT and watched; admitted → RUNNING; the slot is released only after the terminal commit', async () => {
    const { run, f } = start(spec([task('a')], { executionType: 'SERIAL_WAIT' }), {
      row: { execution_type: 'SERIAL_WAIT' },
    });
    f.serial.decision = 'QUEUED';
    await settle(run);
    expect(f.store.state).toBe('SERIAL_WAIT');
    expect(f.serial.calls).toEqual(['enqueue:QUEUED', 'watch:1']);
    run.onSerialDecision('ADMITTED');
    await settle(run);
    expect(f.store.state).toBe('RUNNING');
    await report(run, f, 'a', 'SUCCESS');
    expect(f.store.writes.at(-1)).toBe('instance:RUNNING->SUCCESS');
    expect(f.serial.calls.at(-1)).toBe('release:1');
    expect(f.published).toEqual(['ended:1']);
  });

  it('serial: a coordinator that does not answer leaves the instance waiting, asked again on a timer (no reset)', async () => {
    const { run, f } = start(spec([task('a')], { executionType: 'SERIAL_WAIT' }), {
      row: { execution_type: 'SERIAL_WAIT' },
    });
    f.serial.failures.push(new DeadlineExceededError('coordinator overloaded'));
    await settle(run);
    expect([f.store.state, f.published]).toEqual(['SUBMITTED', []]);
    f.clock.advance(2_000);
    await settle(run);
    expect(f.serial.calls).toEqual(['enqueue:failed', 'enqueue:ADMITTED']);
    expect(f.store.state).toBe('RUNNING');
  });

  it('sub-workflow: one child per attempt, submitted, and the task ends with the child', async () => {
    const { run, f } = start(
      spec([task('c', { type: 'SUB_WORKFLOW', command: '', workflow: 'child' })]),
    );
    await settle(run);
    const [childId] = [...f.store.children.keys()];
    expect(f.submitted).toEqual([childId]);
    f.store.children.set(childId!, { state: 'SUCCESS', endedAt: new Date(f.clock.now()) });
    await run.onChildEnded(childId!);
    await settle(run);
    expect([f.store.task('c')!.state, f.store.state]).toEqual(['SUCCESS', 'SUCCESS']);
  });
});
