/** Roles a process registers under in etcd. */
export const ROLES = ['api', 'master', 'coordinator', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The etcd key layout, all under one prefix so that clusters (and tests) can share an etcd.
 *
 * - `members/<role>/<name>`   → MemberInfo JSON, under the member's lease
 * - `owners/<instanceId>`     → owning master's name, under its lease; create_revision = epoch
 * - `scheduler/leader`        → the master that fires schedules, under its lease
 * - `definitions/changed`     → bumped on every apply (wakes the scheduler)
 * - `backfills/changed`       → a backfill's id, put when it is recorded or changed, or one of
 *                               its instances ended (wakes the backfill owner)
 */
export class EtcdKeys {
  constructor(readonly prefix: string) {}

  members(role: Role): string {
    return `${this.prefix}members/${role}/`;
  }

  member(role: Role, name: string): string {
    return `${this.members(role)}${name}`;
  }

  owners(): string {
    return `${this.prefix}owners/`;
  }

  owner(instanceId: string): string {
    return `${this.owners()}${instanceId}`;
  }

  /** Rewritten on every apply: the scheduler watches it to reload schedules at once. */
  definitionsChanged(): string {
    return `${this.prefix}definitions/changed`;
  }

  /** Put with a backfill's id whenever its owner should look at it again. */
  backfillsChanged(): string {
    return `${this.prefix}backfills/changed`;
  }

  /** The scheduler leader's key; its create_revision is the leader's term. */
  schedulerLeader(): string {
    return `${this.prefix}scheduler/leader`;
  }
}
