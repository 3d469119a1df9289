/**
 * Is a process recorded in cluster.json still ours and running? The processes of a cluster are
 * not children of the CLI that asks, so this looks at /proc: a pid counts as alive only when it
 * is not a zombie (an init that does not reap would keep ended processes as zombies) and its
 * command line still contains the expected text (a recycled pid belongs to someone else).
 * Without /proc (not Linux) it falls back to `kill(pid, 0)`.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ClusterFile } from './cluster-file.js';

/** One process of a local cluster, as status and down see it. */
export interface ClusterMember {
  name: string;
  role: string;
  pid: number;
  address: string;
  logFile: string;
  /** Text that this process's command line contains. */
  signature: string;
}

const HAS_PROC = existsSync('/proc/self/stat');

/** True when `pid` runs, is not a zombie, and (on Linux) its command line contains `signature`. */
export function isAlive(pid: number, signature: string): boolean {
  if (!HAS_PROC) return signalZero(pid);
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return commandLine.includes(signature);
  } catch {
    return false;
  }
}

function signalZero(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every process of the cluster: etcd and MariaDB first, then the Baton services. */
export function clusterMembers(file: ClusterFile): ClusterMember[] {
  return [
    {
      name: 'etcd',
      role: 'etcd',
      pid: file.etcd.pid,
      address: file.etcd.endpoint,
      logFile: file.etcd.logFile,
      signature: `--data-dir=${file.etcd.dataDir}`,
    },
    {
      name: 'mariadb',
      role: 'mariadb',
      pid: file.mariadb.pid,
      address: new URL(file.mariadb.url).host,
      logFile: file.mariadb.logFile,
      signature: `--datadir=${file.mariadb.dataDir}`,
    },
    ...file.processes.map((p) => ({ ...p, signature: `services/${p.role}/main.js` })),
  ];
}
