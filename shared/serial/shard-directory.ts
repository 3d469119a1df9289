import type { Etcd3 } from 'etcd3';
import { WatchedPrefix } from '../etcd/watched-prefix.js';
import type { Logger } from '../log.js';
import type { SerialKeys } from './serial-keys.js';

/**
 * Which coordinator owns each serial shard, kept by a watch on `coordinators/shards/`.
 * Callers route a definition's requests to `owner(shardOf(name))` and re-resolve on refusal.
 */
export class ShardDirectory {
  private constructor(private readonly view: WatchedPrefix<string>) {}

  static async open(etcd: Etcd3, keys: SerialKeys, log: Logger): Promise<ShardDirectory> {
    const shardId = (key: string): string | undefined =>
      /^\d+$/.test(key) ? String(Number(key)) : undefined;
    const view = new WatchedPrefix(etcd, keys.shards(), shardId, (owner) => owner, log);
    await view.open();
    return new ShardDirectory(view);
  }

  owner(shard: number): string | undefined {
    return this.view.get(String(shard));
  }

  close(): Promise<void> {
    return this.view.close();
  }
}
