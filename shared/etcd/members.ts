import { hostname } from 'node:os';
import type { Etcd3 } from 'etcd3';
import { z } from 'zod';
import { UnavailableError } from '../errors.js';
import type { EtcdKeys, Role } from './keys.js';
import { ROLES } from './keys.js';
import type { MemberLease } from './member-lease.js';

export const memberInfoSchema = z.object({
  name: z.string(),
  role: z.enum(ROLES),
  address: z.string(),
  pid: z.number().int(),
  host: z.string(),
  startedAt: z.string(),
  group: z.string().optional(),
  metricsAddress: z.string().optional(),
  /** Shutting down: finishing its work, taking no new work. */
  draining: z.boolean().optional(),
});

/** What a process publishes about itself under `members/<role>/<name>`. */
export type MemberInfo = z.infer<typeof memberInfoSchema>;

export function describeSelf(
  role: Role,
  name: string,
  address: string,
  group?: string,
  metricsAddress?: string,
): MemberInfo {
  return {
    name,
    role,
    address,
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    ...(group === undefined ? {} : { group }),
    ...(metricsAddress === undefined ? {} : { metricsAddress }),
  };
}

/** Parses a member key's value; undefined when it is not a MemberInfo (never throws). */
export function parseMemberInfo(raw: string): MemberInfo | undefined {
  try {
    const parsed = memberInfoSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Registers `info` under the lease with a `create_revision == 0` transaction. A name is one
 * identity: if an earlier incarnation's key is still there (its lease not yet expired), this
 * waits for it to vanish rather than pretend to be it (cf. DolphinScheduler #18624).
 *
 * @throws UnavailableError when the name is still taken after `waitMs`.
 */
export async function registerMember(
  etcd: Etcd3,
  keys: EtcdKeys,
  lease: MemberLease,
  info: MemberInfo,
  waitMs: number,
): Promise<void> {
  const key = keys.member(info.role, info.name);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const result = await etcd
      .if(key, 'Create', '==', 0)
      .then(etcd.put(key).value(JSON.stringify(info)).lease(lease.etcdId))
      .commit();
    if (result.succeeded) return;
    const existing = await etcd.get(key).exec();
    const kv = existing.kvs[0];
    // A retried transaction whose first attempt did land: the key is already ours.
    if (kv !== undefined && kv.lease === lease.etcdId) return;
    if (Date.now() > deadline) {
      throw new UnavailableError(`member name ${info.name} is still registered by another process`);
    }
    await waitForDelete(etcd, key, Math.max(100, deadline - Date.now()));
  }
}

/**
 * Republishes `info` marked `draining`, under the same lease and only while the key is still
 * held under it. Peers then send a shutting-down member no new work, while its key, and with it
 * the work it still runs, stays until the lease is revoked. Same `startedAt`: not a new member.
 */
export async function markDraining(
  etcd: Etcd3,
  keys: EtcdKeys,
  lease: MemberLease,
  info: MemberInfo,
): Promise<void> {
  const key = keys.member(info.role, info.name);
  await etcd
    .if(key, 'Lease', '==', lease.etcdId)
    .then(
      etcd
        .put(key)
        .value(JSON.stringify({ ...info, draining: true }))
        .lease(lease.etcdId),
    )
    .commit();
}

async function waitForDelete(etcd: Etcd3, key: string, timeoutMs: number): Promise<void> {
  const watcher = await etcd.watch().key(key).create();
  try {
    const stillThere = await etcd.get(key).exists();
    if (!stillThere) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      watcher.on('delete', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    await watcher.cancel();
  }
}
