import { EventEmitter } from 'node:events';
import type { Etcd3 } from 'etcd3';
import type { Logger } from '../log.js';
import type { EtcdKeys, Role } from './keys.js';
import { parseMemberInfo, type MemberInfo } from './members.js';
import { WatchedPrefix } from './watched-prefix.js';

interface MemberDirectoryEvents {
  added: [member: MemberInfo];
  removed: [member: MemberInfo];
}

/**
 * A live view of the members of one role, kept by a watch on their prefix. `removed` fires when
 * a member's key goes, which is how a dead member's lease expiry is seen; `added` when a member
 * registers (again: a new incarnation has a new start time).
 */
export class MemberDirectory extends EventEmitter<MemberDirectoryEvents> {
  private constructor(private readonly view: WatchedPrefix<MemberInfo>) {
    super();
    view.on('put', (_name, info, previous) => {
      if (previous === undefined || previous.startedAt !== info.startedAt) this.emit('added', info);
    });
    view.on('delete', (_name, info) => this.emit('removed', info));
  }

  static async open(
    etcd: Etcd3,
    keys: EtcdKeys,
    role: Role,
    log: Logger,
  ): Promise<MemberDirectory> {
    const view = new WatchedPrefix(etcd, keys.members(role), (name) => name, parseMemberInfo, log);
    const directory = new MemberDirectory(view);
    await view.open();
    return directory;
  }

  list(): MemberInfo[] {
    return this.view.entries().map(([, info]) => info);
  }

  get(name: string): MemberInfo | undefined {
    return this.view.get(name);
  }

  close(): Promise<void> {
    return this.view.close();
  }
}
