import { describe, expect, it } from 'vitest';
import { FailedPreconditionError, InvalidArgumentError } from '../../shared/errors.js';
import { resolveTaskUser, type UserLookup } from './task-user.js';

const users: Record<string, { uid: number; gid: number }> = {
  root: { uid: 0, gid: 0 },
  nobody: { uid: 65534, gid: 65534 },
  '65534': { uid: 65534, gid: 65534 },
  app: { uid: 1000, gid: 1000 },
};
const lookup: UserLookup = (user) => users[user];
const resolve = (setting: { TASK_USER?: string; ALLOW_ROOT_TASKS?: boolean }, euid: number) =>
  resolveTaskUser({ ALLOW_ROOT_TASKS: false, ...setting }, euid, lookup);

describe('resolveTaskUser as root', () => {
  it('switches to TASK_USER, by name, uid or uid:gid', () => {
    expect(resolve({ TASK_USER: 'nobody' }, 0)).toEqual({
      uid: 65534,
      gid: 65534,
      label: 'nobody',
    });
    expect(resolve({ TASK_USER: '65534' }, 0)).toMatchObject({ uid: 65534, gid: 65534 });
    expect(resolve({ TASK_USER: '4000:5000' }, 0)).toMatchObject({ uid: 4000, gid: 5000 });
  });

  it('refuses root tasks unless ALLOW_ROOT_TASKS, also when TASK_USER is root', () => {
    expect(() => resolve({}, 0)).toThrow(FailedPreconditionError);
    expect(() => resolve({}, 0)).toThrow(/set TASK_USER .* or ALLOW_ROOT_TASKS=true/);
    expect(() => resolve({ TASK_USER: 'root' }, 0)).toThrow(FailedPreconditionError);
    expect(() => resolve({ TASK_USER: '0:0' }, 0)).toThrow(FailedPreconditionError);
    expect(resolve({ ALLOW_ROOT_TASKS: true }, 0)).toBeUndefined();
    expect(resolve({ TASK_USER: 'root', ALLOW_ROOT_TASKS: true }, 0)).toBeUndefined();
  });

  it('names TASK_USER when the user is unknown', () => {
    expect(() => resolve({ TASK_USER: 'ghost' }, 0)).toThrow(InvalidArgumentError);
    expect(() => resolve({ TASK_USER: 'ghost' }, 0)).toThrow(/^TASK_USER: no user named "ghost"/);
    expect(() => resolve({ TASK_USER: '4242' }, 0)).toThrow(/^TASK_USER: uid 4242 .* 4242:<gid>/);
  });
});

describe('resolveTaskUser not as root', () => {
  it('runs tasks as the worker itself, TASK_USER naming it or unset', () => {
    expect(resolve({}, 1000)).toBeUndefined();
    expect(resolve({ TASK_USER: 'app' }, 1000)).toBeUndefined();
    expect(resolve({ TASK_USER: '1000:1000' }, 1000)).toBeUndefined();
  });

  it('refuses a TASK_USER it cannot switch to', () => {
    expect(() => resolve({ TASK_USER: 'nobody' }, 1000)).toThrow(
      /^TASK_USER: names uid 65534, but the worker runs as uid 1000/,
    );
    expect(() => resolve({ TASK_USER: 'root' }, 1000)).toThrow(InvalidArgumentError);
  });
});
