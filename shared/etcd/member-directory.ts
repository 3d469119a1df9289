import { EventEmitter } from 'node:events';
import type { Etcd3, Watcher } from 'etcd3';
import type { Logger } from '../log.js';
import type { EtcdKeys, Role } from './keys.js';
import { parseMemberInfo, type MemberInfo } from './members.js';

interface MemberDirectoryEvents {
  added: [member: MemberInfo];
  removed: [member: MemberInfo];
}

/**
 * A live view of the members of one role, kept by a watch on their prefix. `removed` fires when
 * a member's key goes, which is how a dead member's lease expiry is seen. On a watch error (e.g.
 * the resume revision was compacted) the view is rebuilt by listing again, never by skipping.
 */
export class MemberDirectory extends EventEmitter<MemberDirectoryEvents> {
  private readonly members = new Map<string, MemberInfo>();
  private watcher: Watcher | undefined;
  private closed = false;

  private constructor(
    private readonly etcd: Etcd3,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    super();
  }

  static async open(
    etcd: Etcd3,
    keys: EtcdKeys,
    role: Role,
    log: Logger,
  ): Promise<MemberDirectory> {
    const directory = new MemberDirectory(etcd, keys.members(role), log);
    await directory.sync();
    return directory;
  }

  list(): MemberInfo[] {
    return [...this.members.values()];
  }

  get(name: string): MemberInfo | undefined {
    return this.members.get(name);
  }

  has(name: string): boolean {
    return this.members.has(name);
  }

  private async sync(): Promise<void> {
    const listing = await this.etcd.getAll().prefix(this.prefix).exec();
    const seen = new Set<string>();
    for (const kv of listing.kvs) {
      const info = parseMemberInfo(kv.value.toString());
      if (info === undefined) continue;
      seen.add(info.name);
      this.upsert(info);
    }
    for (const [name, info] of this.members) {
      if (!seen.has(name)) this.remove(name, info);
    }
    const fromRevision = (BigInt(listing.header.revision) + 1n).toString();
    const watcher = await this.etcd
      .watch()
      .prefix(this.prefix)
      .startRevision(fromRevision)
      .create();
    if (this.closed) {
      await watcher.cancel();
      return;
    }
    this.watcher = watcher;
    watcher.on('put', (kv) => {
      const info = parseMemberInfo(kv.value.toString());
      if (info !== undefined) this.upsert(info);
    });
    watcher.on('delete', (kv) => {
      const name = kv.key.toString().slice(this.prefix.length);
      const info = this.members.get(name);
      if (info !== undefined) this.remove(name, info);
    });
    watcher.on('error', (err) => {
      this.log.warn({ err, prefix: this.prefix }, 'member watch failed; listing again');
      void this.resync();
    });
  }

  private async resync(): Promise<void> {
    const old = this.watcher;
    this.watcher = undefined;
    await old?.cancel().catch(() => undefined);
    while (!this.closed) {
      try {
        await this.sync();
        return;
      } catch (err) {
        this.log.warn({ err, prefix: this.prefix }, 'member listing failed; retrying');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private upsert(info: MemberInfo): void {
    const known = this.members.get(info.name);
    this.members.set(info.name, info);
    if (known === undefined || known.startedAt !== info.startedAt) this.emit('added', info);
  }

  private remove(name: string, info: MemberInfo): void {
    this.members.delete(name);
    this.emit('removed', info);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.watcher?.cancel();
  }
}
