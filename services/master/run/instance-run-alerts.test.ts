/**
 * Which alert events a run queues with its fenced writes (issue 16): those its definition's
 * `alerts.on` names, each with the change that causes it, and nothing for a definition
 * without alerts.
 */
import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../../shared/domain/workflow-spec.js';
import { report, settle, spec, start, task } from './testing/run-fixtures.js';

const alerts = (...on: AlertEvent[]) => ({ alerts: { channel: 'ops', on } });

describe('InstanceRun alert events', () => {
  it('queues SUCCESS with the terminal commit when subscribed', async () => {
    const { run, f } = start(spec([task('a')], alerts('SUCCESS', 'FAILURE')));
    await settle(run);
    await report(run, f, 'a', 'SUCCESS');
    expect(f.store.state).toBe('SUCCESS');
    expect(f.store.alerts).toEqual(['SUCCESS@SUCCESS']);
  });

  it('queues FAILURE, and nothing for an event the definition does not name', async () => {
    const failing = start(spec([task('a')], alerts('FAILURE')));
    await settle(failing.run);
    await report(failing.run, failing.f, 'a', 'FAILURE');
    expect(failing.f.store.state).toBe('FAILURE');
    expect(failing.f.store.alerts).toEqual(['FAILURE@FAILURE']);

    const succeeding = start(spec([task('a')], alerts('FAILURE')));
    await settle(succeeding.run);
    await report(succeeding.run, succeeding.f, 'a', 'SUCCESS');
    expect(succeeding.f.store.alerts).toEqual([]);
  });

  it('queues nothing without alerts', async () => {
    const { run, f } = start(spec([task('a')]));
    await settle(run);
    await report(run, f, 'a', 'FAILURE');
    expect(f.store.state).toBe('FAILURE');
    expect(f.store.alerts).toEqual([]);
  });

  it('a workflow timeout (STOP) queues TIMEOUT with READY_STOP, then no other event', async () => {
    const { run, f } = start(
      spec([task('a')], { timeoutMs: 10_000, ...alerts('TIMEOUT', 'SUCCESS') }),
    );
    await settle(run);
    f.clock.advance(10_000);
    await settle(run);
    expect(f.store.alerts).toEqual(['TIMEOUT@READY_STOP']);
    await report(run, f, 'a', 'KILL');
    expect(f.store.state).toBe('STOP');
    expect(f.store.alerts).toEqual(['TIMEOUT@READY_STOP']);
  });

  it('a workflow timeout (WARN) queues TIMEOUT with its note; the run goes on', async () => {
    const s = spec([task('a')], {
      timeoutMs: 10_000,
      timeoutStrategy: 'WARN',
      ...alerts('TIMEOUT'),
    });
    const { run, f } = start(s);
    await settle(run);
    f.clock.advance(10_000);
    await settle(run);
    expect(f.store.alerts).toEqual(['TIMEOUT@RUNNING']);
    expect(f.store.state).toBe('RUNNING');
  });
});
