/**
 * The chaos checker: judges one run's evidence against every invariant. Each check is a pure
 * function of the evidence (so each has a unit test that makes it fail, checker.test.ts); this
 * runs them all.
 */
import { checkBackfills } from './check-backfill.js';
import { checkBranches } from './check-branches.js';
import { checkTaskGroups } from './check-task-groups.js';
import { TASK_GROUP_WORKFLOWS } from './definitions-task-groups.js';
import { checkExactlyOneChild } from './check-children.js';
import { checkNoLostWork } from './check-ended.js';
import { checkTasksRanOnce } from './check-once.js';
import { checkControlsOnce } from './check-controls.js';
import { checkNothingStartsPaused } from './check-pause.js';
import { checkRequeueOrder } from './check-serial-rounds.js';
import { checkSingleOwner } from './check-ownership.js';
import { checkMutualExclusion, checkSerialLiveness, checkSerialOrder } from './check-serial.js';
import { clock, closeRuns, type Evidence, type Violation } from './evidence.js';

export function checkAll(e: Evidence): Violation[] {
  const runs = closeRuns(e.runs, e.faults, e.checkedAt);
  const { instances, tasks, changes, definitions } = e.history;
  return [
    ...checkMutualExclusion(runs, instances),
    ...checkSerialLiveness(instances),
    ...checkSerialOrder(runs, instances, changes, e.serialGapWaitMs, tasks),
    ...checkRequeueOrder(runs, instances, tasks, changes),
    ...checkSingleOwner(changes, instances, e.faults, e.leaseTtlMs),
    ...checkExactlyOneChild(instances, tasks),
    ...checkNoLostWork(instances, e.started),
    ...checkTasksRanOnce(runs),
    ...checkControlsOnce(runs, instances, tasks, changes, e.controls),
    ...checkNothingStartsPaused(runs, changes),
    ...checkBranches(runs, instances, tasks, definitions),
    ...checkBackfills(e.backfills, e.history.backfills, instances, runs),
    ...checkTaskGroups(
      runs.filter((r) => (TASK_GROUP_WORKFLOWS as readonly string[]).includes(r.workflow)),
      e.poolSizes,
      tasks,
      e.poolAfter,
    ),
    // Not an invariant of DESIGN.md, but a defect all the same (an unhandled rejection, say).
    ...e.crashes.map((c) => ({
      invariant: 'CRASH' as const,
      message: `${c.name} (pid ${c.pid}) exited by itself at ${clock(c.at)} (${c.how}); see ${c.name}.log`,
    })),
  ];
}
