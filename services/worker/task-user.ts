import { execFileSync } from 'node:child_process';
import { FailedPreconditionError, InvalidArgumentError } from '../../shared/errors.js';

/** A uid/gid pair tasks run as. */
export interface TaskIdentity {
  uid: number;
  gid: number;
  /** What TASK_USER said, for messages. */
  label: string;
}

/** Resolves a user name or uid to its uid and primary gid; undefined when there is none. */
export type UserLookup = (user: string) => { uid: number; gid: number } | undefined;

const ROOT_REFUSAL =
  'refusing to run tasks as root: set TASK_USER to an unprivileged user (e.g. nobody), or ALLOW_ROOT_TASKS=true';

/**
 * Who the worker's tasks run as. A worker running as root must drop to TASK_USER, or be told
 * with ALLOW_ROOT_TASKS that root tasks are intended: a root task can read the worker's
 * credentials and everything else on the machine. A worker not running as root cannot switch
 * users, so TASK_USER may then only name itself.
 *
 * @returns the identity to switch to, or undefined when tasks run as the worker's own user
 * @throws InvalidArgumentError naming TASK_USER when it is malformed, unknown or unusable
 * @throws FailedPreconditionError when tasks would run as root without ALLOW_ROOT_TASKS
 */
export function resolveTaskUser(
  setting: { TASK_USER?: string | undefined; ALLOW_ROOT_TASKS: boolean },
  euid: number,
  lookup: UserLookup = lookupUser,
): TaskIdentity | undefined {
  const user = setting.TASK_USER;
  const identity = user === undefined ? undefined : parseTaskUser(user, lookup);
  if (euid !== 0) {
    if (identity !== undefined && identity.uid !== euid) {
      throw new InvalidArgumentError(
        'TASK_USER',
        `names uid ${identity.uid}, but the worker runs as uid ${euid} and cannot switch users: unset it or run the worker as root`,
      );
    }
    return undefined;
  }
  if (identity === undefined || identity.uid === 0) {
    if (!setting.ALLOW_ROOT_TASKS) throw new FailedPreconditionError(ROOT_REFUSAL);
    return undefined;
  }
  return identity;
}

/** `name`, `uid` or `uid:gid`. @throws InvalidArgumentError naming TASK_USER */
export function parseTaskUser(user: string, lookup: UserLookup): TaskIdentity {
  const numeric = /^(\d+)(?::(\d+))?$/.exec(user);
  if (numeric?.[2] !== undefined) {
    return { uid: Number(numeric[1]), gid: Number(numeric[2]), label: user };
  }
  const found = lookup(user);
  if (found === undefined) {
    throw new InvalidArgumentError(
      'TASK_USER',
      numeric === null
        ? `no user named "${user}" on this machine`
        : `uid ${user} has no passwd entry; give its group as ${user}:<gid>`,
    );
  }
  return { ...found, label: user };
}

/**
 * Looks a user up with `id`, which asks NSS (so LDAP or sssd users resolve too, unlike reading
 * /etc/passwd). Runs once, at start.
 */
export function lookupUser(user: string): { uid: number; gid: number } | undefined {
  const id = (flag: string): number | undefined => {
    try {
      const out = execFileSync('id', [flag, '--', user], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return /^\d+$/.test(out.trim()) ? Number(out.trim()) : undefined;
    } catch {
      return undefined;
    }
  };
  const uid = id('-u');
  const gid = id('-g');
  return uid === undefined || gid === undefined ? undefined : { uid, gid };
}
