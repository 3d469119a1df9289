/** Number of shards serial definitions are spread over; every coordinator must agree on it. */
export const DEFAULT_SERIAL_SHARDS = 16;

/** The shard of a definition: FNV-1a of its name, so every process computes the same one. */
export function shardOf(workflow: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < workflow.length; i += 1) {
    hash ^= workflow.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

const pad = (n: number): string => String(n).padStart(4, '0');

/**
 * Where serial queues live in etcd (all under the cluster prefix):
 *
 * - `coordinators/shards/<k>`            → owning coordinator's name, under its lease
 * - `serial/<k>/<workflow>/slot`         → the running slot's holder (SlotValue)
 * - `serial/<k>/<workflow>/queue/<ticket20>` → a waiting instance (QueueEntry); keys sort by
 *                                          queue ticket, i.e. by order of admission: a new
 *                                          instance's ticket is its id, a recovered or resumed
 *                                          one draws a later one (shared/instances/queue-ticket.ts)
 * - `serial/<k>/<workflow>/discarded/<id20>` → a discarded waiting instance, until it has ended
 */
export class SerialKeys {
  constructor(readonly prefix: string) {}

  shards(): string {
    return `${this.prefix}coordinators/shards/`;
  }

  shard(k: number): string {
    return `${this.shards()}${pad(k)}`;
  }

  shardOfKey(key: string): number | undefined {
    if (!key.startsWith(this.shards())) return undefined;
    const k = Number(key.slice(this.shards().length));
    return Number.isInteger(k) ? k : undefined;
  }

  shardData(k: number): string {
    return `${this.prefix}serial/${pad(k)}/`;
  }

  definition(k: number, workflow: string): string {
    return `${this.shardData(k)}${workflow}/`;
  }

  /** The workflow a key under `shardData(k)` belongs to. */
  workflowOfKey(k: number, key: string): string | undefined {
    const rest = key.startsWith(this.shardData(k))
      ? key.slice(this.shardData(k).length)
      : undefined;
    return rest?.split('/')[0];
  }

  slot(k: number, workflow: string): string {
    return `${this.definition(k, workflow)}slot`;
  }

  queue(k: number, workflow: string): string {
    return `${this.definition(k, workflow)}queue/`;
  }

  queueEntry(k: number, workflow: string, ticket: string): string {
    return `${this.queue(k, workflow)}${ticket.padStart(20, '0')}`;
  }

  discarded(k: number, workflow: string): string {
    return `${this.definition(k, workflow)}discarded/`;
  }

  discardedEntry(k: number, workflow: string, instanceId: string): string {
    return `${this.discarded(k, workflow)}${instanceId.padStart(20, '0')}`;
  }
}
