import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Serial queue tickets (issue 14): a serial instance waits in its definition's queue under an
 * admission ticket, and tickets are drawn from ONE sequence, the instances' AUTO_INCREMENT. A
 * new instance's ticket is its id (`queue_ticket` NULL); an instance carried on in place
 * (recover, resume from STOP) draws a fresh value from that sequence when it is reopened, so it
 * re-enters at the tail: after every instance created before the reopen and before every one
 * created after it. `queue_ticket_at` is when that ticket was drawn (for a new instance its
 * `created_at`): the coordinator's order check waits that long for a SUBMITTED instance to be
 * queued. MariaDB has kept the AUTO_INCREMENT counter across restarts since 10.2.4 (MySQL since
 * 8.0), so a drawn ticket is never handed out again as an id.
 */
export const queueTickets: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      ALTER TABLE workflow_instances
        ADD COLUMN queue_ticket BIGINT UNSIGNED NULL,
        ADD COLUMN queue_ticket_at DATETIME(3) NULL`.execute(db);
  },
};
