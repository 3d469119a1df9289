import { EventEmitter } from 'node:events';
import type { Etcd3, Watcher } from 'etcd3';
import type { Logger } from '../log.js';
import { withRetry } from '../retry.js';

interface WatchedPrefixEvents<T> {
  put: [id: string, value: T, previous: T | undefined];
  delete: [id: string, previous: T];
}

/**
 * A live map of the keys under a prefix: listed once, then kept by a watch that starts at the
 * listing's revision + 1, so no change is missed between the two. A watch error (e.g. its
 * revision was compacted) is answered by listing again — never by skipping ahead — and the
 * differences are emitted as if they had been watched.
 */
export class WatchedPrefix<T> extends EventEmitter<WatchedPrefixEvents<T>> {
  private readonly values = new Map<string, T>();
  private watcher: Watcher | undefined;
  private closed = false;

  /**
   * @param idOf the id of a key (given without the prefix), or undefined to ignore the key.
   * @param decode the value stored at a key, or undefined to ignore it.
   */
  constructor(
    private readonly etcd: Etcd3,
    private readonly prefix: string,
    private readonly idOf: (key: string) => string | undefined,
    private readonly decode: (raw: string) => T | undefined,
    private readonly log: Logger,
  ) {
    super();
  }

  async open(): Promise<this> {
    await this.sync();
    return this;
  }

  get(id: string): T | undefined {
    return this.values.get(id);
  }

  entries(): [string, T][] {
    return [...this.values];
  }

  private async sync(): Promise<void> {
    const listing = await this.etcd.getAll().prefix(this.prefix).exec();
    const seen = new Set<string>();
    for (const kv of listing.kvs) {
      const id = this.idOf(kv.key.toString().slice(this.prefix.length));
      const value = this.decode(kv.value.toString());
      if (id === undefined || value === undefined) continue;
      seen.add(id);
      this.put(id, value);
    }
    for (const [id, value] of [...this.values]) {
      if (!seen.has(id)) this.remove(id, value);
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
      const id = this.idOf(kv.key.toString().slice(this.prefix.length));
      const value = this.decode(kv.value.toString());
      if (id !== undefined && value !== undefined) this.put(id, value);
    });
    watcher.on('delete', (kv) => {
      const id = this.idOf(kv.key.toString().slice(this.prefix.length));
      const previous = id === undefined ? undefined : this.values.get(id);
      if (id !== undefined && previous !== undefined) this.remove(id, previous);
    });
    watcher.on('error', (err) => {
      this.log.warn({ err, prefix: this.prefix }, 'watch failed; listing again');
      void this.resync();
    });
  }

  private async resync(): Promise<void> {
    const old = this.watcher;
    this.watcher = undefined;
    await old?.cancel().catch(() => undefined);
    await withRetry(() => (this.closed ? Promise.resolve() : this.sync()), {
      retries: Infinity,
      initialDelayMs: 250,
      maxDelayMs: 2_000,
      retryOn: (err) => {
        this.log.warn({ err, prefix: this.prefix }, 'listing failed; retrying');
        return !this.closed;
      },
    }).catch(() => undefined);
  }

  private put(id: string, value: T): void {
    const previous = this.values.get(id);
    this.values.set(id, value);
    this.emit('put', id, value, previous);
  }

  private remove(id: string, previous: T): void {
    this.values.delete(id);
    this.emit('delete', id, previous);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.watcher?.cancel();
  }
}
