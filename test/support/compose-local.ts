/**
 * Compose containers as local processes: every compose service gets a loopback address of its
 * own, 127.A.B.N (Linux routes all of 127/8 to lo), so each binds the very ports it binds in its
 * container, and the host names in its environment are rewritten to local addresses by one
 * generic rule instead of a hand-written environment per service.
 */
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { freePort, isPortFree } from '../../services/cli/cluster/infra/free-port.js';
import type { ComposeService } from './compose-file.js';

/** Inside a container, these name the container itself. */
const SELF_HOSTS = new Set(['0.0.0.0', '127.0.0.1', 'localhost']);
/** `host:port` where host is a name or an IPv4 address, not part of a longer word. */
const HOST_PORT = /(?<![\w.-])([A-Za-z0-9][A-Za-z0-9.-]*):(\d{1,5})(?!\d)/g;

export class ComposeHosts {
  private readonly ips = new Map<string, string>();
  /** `ip:containerPort` → the local port chosen for it. */
  private readonly ports = new Map<string, number>();
  private readonly taken = new Set<string>();

  /**
   * @param services every compose service (each gets an address, so each name is known)
   * @param local the services run here as processes: their ports are mapped
   * @param standIns `service:port` → `host:port` of what stands in for an infrastructure
   *   service (the test run's etcd for etcd-1:2379, ...)
   */
  constructor(
    services: readonly string[],
    private readonly local: ReadonlySet<string>,
    private readonly standIns: ReadonlyMap<string, string>,
  ) {
    // A random block, so two runs on one machine rarely pick the same addresses.
    const [a, b] = [100 + randomInt(100), 1 + randomInt(250)];
    if (services.length > 254) throw new Error('more than 254 compose services');
    services.forEach((name, i) => this.ips.set(name, `127.${a}.${b}.${i + 1}`));
  }

  /** The loopback address standing for a service's container. */
  ipOf(service: string): string {
    const ip = this.ips.get(service);
    if (ip === undefined) throw new Error(`no compose service ${service}`);
    return ip;
  }

  /**
   * Rewrites every `host:port` in `value` as `self`'s container would resolve it: a stand-in's
   * address, the local address of another Baton service, or `self`'s own for 0.0.0.0, 127.0.0.1
   * and localhost. Other text is left alone.
   * @throws Error when it names a compose service that neither runs here nor has a stand-in
   */
  async map(value: string, self: string): Promise<string> {
    let out = '';
    let last = 0;
    for (const match of value.matchAll(HOST_PORT)) {
      const [text, host = '', port = ''] = match;
      out += value.slice(last, match.index) + (await this.resolve(host, Number(port), self, text));
      last = match.index + text.length;
    }
    return out + value.slice(last);
  }

  /**
   * A service's environment as its process here gets it: addresses mapped, and paths inside
   * its volumes moved under `dataRoot/<volume>` (a named volume is one directory, whichever
   * containers mount it, as in Docker).
   */
  async environment(service: ComposeService, dataRoot: string): Promise<Record<string, string>> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(service.environment)) {
      env[key] = localPath(await this.map(value, service.name), service, dataRoot);
    }
    return env;
  }

  /**
   * A service's command line as its process here runs it: addresses mapped in every argument,
   * and a path inside its volumes moved, whether it is the whole argument or the value of a
   * `--flag=value`.
   */
  async argv(service: ComposeService, dataRoot: string): Promise<string[]> {
    const argv: string[] = [];
    // One at a time: two arguments naming the same new port must not both pick one for it.
    for (const arg of service.command ?? []) {
      const mapped = await this.map(arg, service.name);
      const flag = /^(--?[\w.-]+=)(.*)$/s.exec(mapped);
      argv.push(
        flag === null
          ? localPath(mapped, service, dataRoot)
          : `${flag[1]!}${localPath(flag[2]!, service, dataRoot)}`,
      );
    }
    return argv;
  }

  /**
   * A certificate member `NAME:ROLE[:HOST,...]` (`baton certs init --member`) with the local
   * address of compose service NAME added to its hosts: in Docker the name resolves to the
   * container, here peers dial that address, and TLS checks it against the certificate.
   * Members that are no compose service (`client`) are left alone.
   */
  certificateMember(spec: string): string {
    const [name = '', role = '', ...hosts] = spec.split(':');
    if (!this.ips.has(name)) return spec;
    const listed = hosts.join(':');
    return `${name}:${role}:${listed === '' ? '' : `${listed},`}${this.ipOf(name)}`;
  }

  private async resolve(host: string, port: number, self: string, text: string): Promise<string> {
    const standIn = this.standIns.get(`${host}:${port}`);
    if (standIn !== undefined) return standIn;
    const container = SELF_HOSTS.has(host) ? self : this.ips.has(host) ? host : undefined;
    if (container === undefined) return text;
    if (!this.local.has(container)) {
      throw new Error(`${text} in ${self}'s environment: no stand-in for compose service ${host}`);
    }
    const ip = this.ipOf(container);
    return `${ip}:${await this.localPort(ip, port)}`;
  }

  /** The container's own port when it is free on `ip`, else a free one; the same every time. */
  private async localPort(ip: string, port: number): Promise<number> {
    const key = `${ip}:${port}`;
    let chosen = this.ports.get(key);
    if (chosen !== undefined) return chosen;
    chosen = port;
    while (this.taken.has(`${ip}:${chosen}`) || !(await isPortFree(chosen, ip))) {
      chosen = await freePort(ip);
    }
    this.ports.set(key, chosen);
    this.taken.add(`${ip}:${chosen}`);
    return chosen;
  }
}

function localPath(value: string, service: ComposeService, dataRoot: string): string {
  for (const { source, target } of service.volumes) {
    if (value === target || value.startsWith(`${target}/`)) {
      return join(dataRoot, source) + value.slice(target.length);
    }
  }
  return value;
}
