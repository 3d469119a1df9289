import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';

/** Where throw-away etcd and MariaDB data go: tmpfs when there is one, as they fsync a lot. */
export async function scratchParent(): Promise<string> {
  try {
    await access('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}
