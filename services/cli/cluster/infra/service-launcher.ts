import { existsSync } from 'node:fs';
import type { Etcd3 } from 'etcd3';
import { EtcdKeys, type Role } from '../../../../shared/etcd/keys.js';
import { parseMemberInfo } from '../../../../shared/etcd/members.js';
import { serviceEntry } from './repo-root.js';
import { spawnServer, waitUntilReady, type ServerProcess } from './server-process.js';

export interface ServiceSpec {
  role: Role;
  name: string;
  /** The service's own settings (ETCD_ENDPOINTS, MYSQL_URL, ...); NODE_NAME and LISTEN are added. */
  env: Record<string, string>;
  logFile: string;
  detached: boolean;
  /** Port to listen on; default: a free one. */
  port?: number;
}

/** A running Baton service process, ready once it has registered itself in etcd. */
export interface ServiceProcess extends ServerProcess {
  readonly role: Role;
  readonly name: string;
  readonly address: string;
  readonly spec: ServiceSpec;
}

/**
 * Starts `node dist/services/<role>/main.js` and waits until its member key appears in etcd
 * with this process's pid (registration is the last step of a service's start-up).
 *
 * @throws ServerStartError with the end of its log if it exits or is not ready in time.
 */
export async function startServiceProcess(
  spec: ServiceSpec,
  etcd: Etcd3,
  timeoutMs = 30_000,
): Promise<ServiceProcess> {
  const entry = serviceEntry(spec.role);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  // Port 0 unless told: the process binds a free port itself and publishes it, so no other
  // process can take a port between our choosing it and the service binding it.
  const port = spec.port ?? 0;
  const keys = new EtcdKeys(spec.env.ETCD_PREFIX ?? '/baton/');
  const server = await spawnServer({
    name: spec.name,
    command: process.execPath,
    args: [entry],
    logFile: spec.logFile,
    detached: spec.detached,
    stopGraceMs: 20_000,
    env: { ...process.env, ...spec.env, NODE_NAME: spec.name, LISTEN: `127.0.0.1:${port}` },
  });
  const address = await waitUntilReady(server, spec.name, timeoutMs, async () => {
    const raw = await etcd.get(keys.member(spec.role, spec.name)).string();
    const info = raw === null ? undefined : parseMemberInfo(raw);
    if (info === undefined || info.pid !== server.pid) throw new Error('not registered yet');
    return info.address;
  });
  // A restart reuses the bound port, so the service keeps its address.
  const bound = Number(address.slice(address.lastIndexOf(':') + 1));
  return { ...server, role: spec.role, name: spec.name, address, spec: { ...spec, port: bound } };
}
