import type { Etcd3, Watcher } from 'etcd3';
import type { Logger } from '../log.js';
import type { SerialKeys } from './serial-keys.js';

/**
 * Which coordinator owns each serial shard, kept by a watch on `coordinators/shards/`.
 * Callers route a definition's requests to `owner(shardOf(name))` and re-resolve on refusal.
 */
export class ShardDirectory {
  private readonly owners = new Map<number, string>();
  private watcher: Watcher | undefined;
  private closed = false;

  private constructor(
    private readonly etcd: Etcd3,
    private readonly keys: SerialKeys,
    private readonly log: Logger,
  ) {}

  static async open(etcd: Etcd3, keys: SerialKeys, log: Logger): Promise<ShardDirectory> {
    const directory = new ShardDirectory(etcd, keys, log);
    await directory.sync();
    return directory;
  }

  owner(shard: number): string | undefined {
    return this.owners.get(shard);
  }

  private async sync(): Promise<void> {
    const listing = await this.etcd.getAll().prefix(this.keys.shards()).exec();
    this.owners.clear();
    for (const kv of listing.kvs) {
      const shard = this.keys.shardOfKey(kv.key.toString());
      if (shard !== undefined) this.owners.set(shard, kv.value.toString());
    }
    const from = (BigInt(listing.header.revision) + 1n).toString();
    const watcher = await this.etcd.watch().prefix(this.keys.shards()).startRevision(from).create();
    if (this.closed) {
      await watcher.cancel();
      return;
    }
    this.watcher = watcher;
    watcher.on('put', (kv) => {
      const shard = this.keys.shardOfKey(kv.key.toString());
      if (shard !== undefined) this.owners.set(shard, kv.value.toString());
    });
    watcher.on('delete', (kv) => {
      const shard = this.keys.shardOfKey(kv.key.toString());
      if (shard !== undefined) this.owners.delete(shard);
    });
    watcher.on('error', (err) => {
      this.log.warn({ err }, 'shard watch failed; listing again');
      void this.resync();
    });
  }

  private async resync(): Promise<void> {
    await this.watcher?.cancel().catch(() => undefined);
    while (!this.closed) {
      try {
        await this.sync();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.watcher?.cancel();
  }
}
