import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { chmod, chown, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InvalidArgumentError } from '../../shared/errors.js';
import type { WorkerEnv } from './env.js';
import { FifoPool } from './fifo-pool.js';
import { resolveTaskUser, type TaskIdentity } from './task-user.js';

/**
 * Where and as whom tasks run. The data dir is the worker's (0711: others may pass through to
 * their own working directory, not list it); `logs/` and `pipes/` are 0700; each attempt gets
 * `<work root>/<task instance id>`, 0700 and owned by the task's user.
 */
export interface TaskSandbox {
  /** The user tasks run as; undefined: the worker's own user. */
  runAs: TaskIdentity | undefined;
  workRoot: string;
  pipes: FifoPool;
  maxLogBytes: number;
  /** Set when the task user could not reach `<WORKER_DATA_DIR>/work`, which was not used. */
  unreachableWorkRoot: string | undefined;
}

/**
 * Checks who tasks run as and prepares the worker's directories, before the worker registers.
 *
 * @throws InvalidArgumentError or FailedPreconditionError naming the setting at fault
 */
export async function prepareTaskSandbox(env: WorkerEnv, euid: number): Promise<TaskSandbox> {
  const runAs = resolveTaskUser(env, euid);
  const dataDir = resolve(env.WORKER_DATA_DIR);
  ownDir(dataDir, 0o711, euid, runAs, 'WORKER_DATA_DIR');
  ownDir(join(dataDir, 'logs'), 0o700, euid, runAs, 'WORKER_DATA_DIR');
  const pipes = await FifoPool.create(join(dataDir, 'pipes'));
  const sandbox = { runAs, pipes, maxLogBytes: env.MAX_TASK_LOG_BYTES };
  if (env.TASK_WORK_DIR !== undefined) {
    const workRoot = resolve(env.TASK_WORK_DIR);
    ownDir(workRoot, 0o711, euid, runAs, 'TASK_WORK_DIR');
    if (runAs !== undefined && !canReach(workRoot, runAs)) {
      throw new InvalidArgumentError('TASK_WORK_DIR', unreachable(workRoot, runAs));
    }
    return { ...sandbox, workRoot, unreachableWorkRoot: undefined };
  }
  const workRoot = join(dataDir, 'work');
  ownDir(workRoot, 0o711, euid, runAs, 'WORKER_DATA_DIR');
  if (runAs === undefined || canReach(workRoot, runAs)) {
    return { ...sandbox, workRoot, unreachableWorkRoot: undefined };
  }
  // A data dir under a private parent (/root, a 0700 temp dir): rather than loosen directories
  // that are not the worker's, run tasks in a fresh private directory the user can reach.
  const fallback = mkdtempSync(join(tmpdir(), 'baton-work-'));
  chmodSync(fallback, 0o711);
  if (!canReach(fallback, runAs)) {
    throw new InvalidArgumentError('TASK_WORK_DIR', unreachable(workRoot, runAs));
  }
  return { ...sandbox, workRoot: fallback, unreachableWorkRoot: workRoot };
}

/**
 * Makes the working directory of one attempt: 0700 and the task user's, so tasks of other
 * attempts (the same user aside) and other users cannot look in. @returns its path
 */
export async function makeAttemptDir(
  sandbox: TaskSandbox,
  taskInstanceId: string,
): Promise<string> {
  const dir = join(sandbox.workRoot, taskInstanceId);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (sandbox.runAs !== undefined) await chown(dir, sandbox.runAs.uid, sandbox.runAs.gid);
  await chmod(dir, 0o700);
  return dir;
}

/**
 * Creates `dir` if needed and sets `mode` when it is the worker's. One that belongs to someone
 * else is refused when tasks run as another user: its owner could swap what is inside.
 */
function ownDir(
  dir: string,
  mode: number,
  euid: number,
  runAs: TaskIdentity | undefined,
  setting: string,
): void {
  try {
    mkdirSync(dir, { recursive: true, mode });
  } catch (err) {
    throw new InvalidArgumentError(setting, `cannot create ${dir}: ${String(err)}`, { cause: err });
  }
  const stat = statSync(dir);
  if (!stat.isDirectory()) throw new InvalidArgumentError(setting, `${dir} is not a directory`);
  if (stat.uid === euid) chmodSync(dir, mode);
  else if (runAs !== undefined) {
    throw new InvalidArgumentError(
      setting,
      `${dir} belongs to uid ${stat.uid}, not to the worker (uid ${euid})`,
    );
  }
}

/** Whether `user` can enter `dir`: tried for real, as that user, so ACLs and the like count. */
function canReach(dir: string, user: TaskIdentity): boolean {
  const probe = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'baton-probe', dir], {
    uid: user.uid,
    gid: user.gid,
    env: {},
    stdio: 'ignore',
  });
  return probe.status === 0;
}

function unreachable(dir: string, user: TaskIdentity): string {
  return `TASK_USER ${user.label} cannot enter ${dir}: every directory above it must be searchable (x) by that user`;
}
