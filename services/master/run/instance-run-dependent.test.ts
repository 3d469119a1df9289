import { describe, expect, it } from 'vitest';
import type { TaskDefinition } from '../../../shared/domain/workflow-spec.js';
import { settle, spec, start, task } from './testing/run-fixtures.js';

const SCHEDULED = new Date('2026-03-01T05:00:00Z');

const upstreamDone = (extra: Partial<TaskDefinition> = {}): TaskDefinition =>
  task('upstream-done', {
    type: 'DEPENDENT',
    command: '',
    dependOn: {
      relation: 'all',
      items: [
        { workflow: 'crm-import', task: null, cycle: 'day', date: 'today' },
        { workflow: 'ledger', task: 'close', cycle: 'month', date: 'lastMonth' },
      ],
      checkIntervalMs: 10_000,
    },
    ...extra,
  });

const waiting = (extra: Partial<TaskDefinition> = {}) =>
  spec([upstreamDone(extra), task('after', { dependsOn: ['upstream-done'] })]);

describe('InstanceRun: DEPENDENT', () => {
  it('asks for the newest upstream run in each window of the schedule time, holding no worker', async () => {
    const { run, f } = start(waiting(), { row: { schedule_time: SCHEDULED } });
    await settle(run);
    expect(f.store.task('upstream-done')).toMatchObject({ state: 'RUNNING', worker: null });
    expect(f.workers.runs).toEqual([]);
    expect(
      f.lookups.asked.map((a) => [a.workflow, a.task, a.from.toISOString(), a.to.toISOString()]),
    ).toEqual([
      ['crm-import', null, '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
      ['ledger', 'close', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ]);
  });

  it('re-checks every checkInterval on a timer until every item succeeded, then goes on', async () => {
    const { run, f } = start(waiting(), { row: { schedule_time: SCHEDULED } });
    await settle(run);
    f.lookups.upstream.set('crm-import/', { state: 'SUCCESS', instanceEnded: true });
    f.clock.advance(9_999);
    await settle(run);
    expect(f.lookups.asked).toHaveLength(2);
    f.clock.advance(1);
    await settle(run);
    expect(f.lookups.asked).toHaveLength(4);
    expect(f.store.task('upstream-done')?.state).toBe('RUNNING');
    f.lookups.upstream.set('ledger/close', { state: 'SUCCESS', instanceEnded: false });
    f.clock.advance(10_000);
    await settle(run);
    expect(f.store.task('upstream-done')?.state).toBe('SUCCESS');
    expect(f.store.task('upstream-done')?.reason).toMatch(/dependencies met \(all\)/);
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['after']);
  });

  it('an upstream run that failed fails it at once (all)', async () => {
    const { run, f } = start(waiting(), { row: { schedule_time: SCHEDULED } });
    f.lookups.upstream.set('crm-import/', { state: 'FAILURE', instanceEnded: true });
    await settle(run);
    expect(f.store.task('upstream-done')?.state).toBe('FAILURE');
    expect(f.store.task('upstream-done')?.reason).toMatch(/crm-import day today: FAILURE/);
  });

  it('times out into FAILURE, then retries as usual', async () => {
    const { run, f } = start(waiting({ timeoutMs: 60_000, retries: 1 }), {
      row: { schedule_time: SCHEDULED },
    });
    await settle(run);
    f.clock.advance(60_000);
    await settle(run);
    expect(f.store.task('upstream-done', 1)?.state).toBe('FAILURE');
    expect(f.store.task('upstream-done', 2)?.state).toBe('RUNNING');
  });

  it('after adoption the wait goes on: checked at once, timer re-armed', async () => {
    const s = waiting();
    const { run, f } = start(s, {
      state: 'RUNNING',
      row: { schedule_time: SCHEDULED },
      left: [{ def: s.tasks[0]!, id: '60', state: 'RUNNING' }],
    });
    await settle(run);
    expect(f.lookups.asked).toHaveLength(2);
    f.clock.advance(10_000);
    await settle(run);
    expect(f.lookups.asked).toHaveLength(4);
  });
});
