import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A backfill's resume names the instances of its dates that ended FAILURE or STOP: its owner
 * carries them on in place (a recover, a resume from STOP) as it starts new dates, within
 * `parallel`, instead of the api reopening them all at once (`rerun_instances`, a JSON list).
 */
export const backfillReruns: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE backfills ADD COLUMN rerun_instances MEDIUMTEXT NULL`.execute(db);
  },
};
