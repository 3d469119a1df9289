import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { errorMessage, InternalError } from '../errors.js';
import type { Db } from './connect.js';
import { initialSchema } from './migrations/0001-initial.js';
import { ownerIndex } from './migrations/0002-owner-index.js';
import { stateChangeTriggers } from './migrations/0003-state-change-triggers.js';
import { scheduledFires } from './migrations/0004-scheduled-fires.js';
import { traceParent } from './migrations/0005-trace-parent.js';
import { apiTokens } from './migrations/0006-api-tokens.js';
import { auditAndRerun } from './migrations/0007-audit-and-rerun.js';
import { workflowLanguage } from './migrations/0008-workflow-language.js';
import { repairRounds } from './migrations/0009-repair-rounds.js';
import { pauseClock } from './migrations/0010-pause-clock.js';
import { scheduleControls } from './migrations/0011-schedule-controls.js';
import { queueTickets } from './migrations/0012-queue-tickets.js';
import { backfills } from './migrations/0013-backfills.js';
import { taskGroups } from './migrations/0014-task-groups.js';
import { requestIdsAndLabels } from './migrations/0015-request-ids-and-labels.js';
import { alerts } from './migrations/0016-alerts.js';
import { backfillReruns } from './migrations/0018-backfill-reruns.js';

/** Every migration, in order. Names sort in application order; never rename or edit one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initialSchema,
  '0002-owner-index': ownerIndex,
  '0003-state-change-triggers': stateChangeTriggers,
  '0004-scheduled-fires': scheduledFires,
  '0005-trace-parent': traceParent,
  '0006-api-tokens': apiTokens,
  '0007-audit-and-rerun': auditAndRerun,
  '0008-workflow-language': workflowLanguage,
  '0009-repair-rounds': repairRounds,
  '0010-pause-clock': pauseClock,
  '0011-schedule-controls': scheduleControls,
  '0012-queue-tickets': queueTickets,
  '0013-backfills': backfills,
  '0014-task-groups': taskGroups,
  '0015-request-ids-and-labels': requestIdsAndLabels,
  '0016-alerts': alerts,
  '0018-backfill-reruns': backfillReruns,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};

/**
 * Applies pending migrations. Safe when several processes start at once: Kysely's MySQL
 * adapter holds a named lock (GET_LOCK) while it migrates, so the others wait and then find
 * nothing to do.
 *
 * @throws InternalError naming the failed migration.
 */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new InternalError(`migration ${failed} failed: ${errorMessage(error)}`, { cause: error });
  }
}
