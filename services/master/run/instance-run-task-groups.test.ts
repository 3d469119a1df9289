import { describe, expect, it } from 'vitest';
import { report, settle, spec, start, task } from './testing/run-fixtures.js';

const grouped = (name: string) => task(name, { taskGroup: 'db', taskGroupPriority: 4 });

describe('InstanceRun with grouped tasks (fake ports)', () => {
  it('an admitted attempt goes WAITING_GROUP -> DISPATCHED; its slot is released after its end is committed', async () => {
    const { run, f } = start(spec([grouped('a')]));
    await settle(run);
    expect(f.store.writes).toEqual([
      'instance:SUBMITTED->RUNNING',
      'task:a#1:->WAITING_GROUP',
      'task:a#1:WAITING_GROUP->DISPATCHED',
      'task:a#1:DISPATCHED->RUNNING',
    ]);
    expect(f.taskGroups.calls).toEqual(['acquire:db:a#1:ADMITTED']);
    await report(run, f, 'a', 'SUCCESS');
    expect(f.taskGroups.calls).toEqual(['acquire:db:a#1:ADMITTED', 'release:db:a#1']);
    expect(f.store.state).toBe('SUCCESS');
  });

  it('a queued attempt is not dispatched until the push (or the reconcile asking again)', async () => {
    const { run, f } = start(spec([grouped('a'), grouped('b')]));
    f.taskGroups.decision = 'QUEUED';
    await settle(run);
    expect(f.workers.runs).toHaveLength(0);
    run.onTaskGroupAdmitted(f.store.task('a')!.id);
    await settle(run);
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['a']);
    f.taskGroups.decision = 'ADMITTED';
    run.reconcile(false, null);
    await settle(run);
    expect(f.workers.runs.map((r) => r.task_name)).toEqual(['a', 'b']);
  });

  it('a stop kills a waiting attempt at once (it was on no worker) and releases its entry', async () => {
    const { run, f } = start(spec([grouped('a')]));
    f.taskGroups.decision = 'QUEUED';
    await settle(run);
    run.requestStop('stopped by request');
    await settle(run);
    expect(f.store.writes).toContain('task:a#1:WAITING_GROUP->KILL');
    expect(f.workers.kills).toEqual([]);
    expect(f.taskGroups.calls).toContain('release:db:a#1');
    expect(f.store.state).toBe('STOP');
  });
});
