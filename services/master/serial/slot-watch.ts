import { EventEmitter } from 'node:events';
import type { Etcd3, Watcher } from 'etcd3';
import type { Logger } from '../../../shared/log.js';
import { shardOf, type SerialKeys } from '../../../shared/serial/serial-keys.js';
import {
  parseValue,
  slotValueSchema,
  ticketOf,
  tombstoneSchema,
  type Admission,
} from '../../../shared/serial/serial-values.js';

interface SlotWatchEvents {
  /** A waiting instance this master watches for was admitted or discarded. */
  decision: [instanceId: string, decision: 'ADMITTED' | 'DISCARDED'];
}

interface DefinitionWatch {
  /** Waiting instances → the ticket each waits under. */
  waiting: Map<string, string>;
  watcher: Promise<Watcher | undefined>;
}

/**
 * The second way a master learns that a waiting instance it owns was admitted or discarded
 * (the first is the coordinator's push): a watch on the definition's slot and tombstones,
 * held while this master has waiting instances of that definition. Only a slot or tombstone
 * written under the ticket an instance waits under decides for it: one of an earlier round of
 * it (an instance recovered or resumed from STOP has a new ticket) says nothing about this one.
 */
export class SlotWatch extends EventEmitter<SlotWatchEvents> {
  private readonly watches = new Map<string, DefinitionWatch>();

  constructor(
    private readonly etcd: Etcd3,
    private readonly keys: SerialKeys,
    private readonly shardCount: number,
    private readonly log: Logger,
  ) {
    super();
  }

  add(workflow: string, admission: Admission): void {
    let watch = this.watches.get(workflow);
    if (watch === undefined) {
      watch = { waiting: new Map(), watcher: this.open(workflow) };
      this.watches.set(workflow, watch);
    }
    watch.waiting.set(admission.instanceId, admission.ticket);
  }

  remove(workflow: string, instanceId: string): void {
    const watch = this.watches.get(workflow);
    if (watch === undefined) return;
    watch.waiting.delete(instanceId);
    if (watch.waiting.size > 0) return;
    this.watches.delete(workflow);
    void watch.watcher.then((w) => w?.cancel());
  }

  private async open(workflow: string): Promise<Watcher | undefined> {
    const shard = shardOf(workflow, this.shardCount);
    const definition = this.keys.definition(shard, workflow);
    const slotKey = this.keys.slot(shard, workflow);
    const discarded = this.keys.discarded(shard, workflow);
    try {
      const watcher = await this.etcd.watch().prefix(definition).create();
      watcher.on('put', (kv) => {
        const key = kv.key.toString();
        if (key === slotKey) {
          const slot = parseValue(slotValueSchema, kv.value.toString());
          if (slot !== undefined) this.decide(workflow, slot, 'ADMITTED');
        } else if (key.startsWith(discarded)) {
          const tombstone = parseValue(tombstoneSchema, kv.value.toString());
          if (tombstone !== undefined) this.decide(workflow, tombstone, 'DISCARDED');
        }
      });
      // What happened before the watch existed: the current holder may already be ours.
      const current = await this.etcd.get(slotKey).string();
      const slot = current === null ? undefined : parseValue(slotValueSchema, current);
      if (slot !== undefined) this.decide(workflow, slot, 'ADMITTED');
      return watcher;
    } catch (err) {
      this.log.warn(
        { workflow, err },
        'slot watch failed; the push and the reconciler still apply',
      );
      return undefined;
    }
  }

  private decide(
    workflow: string,
    about: { instanceId: string; ticket?: string | undefined },
    decision: 'ADMITTED' | 'DISCARDED',
  ): void {
    if (this.watches.get(workflow)?.waiting.get(about.instanceId) === ticketOf(about))
      this.emit('decision', about.instanceId, decision);
  }

  async close(): Promise<void> {
    const watchers = [...this.watches.values()].map((w) => w.watcher);
    this.watches.clear();
    for (const w of await Promise.all(watchers)) await w?.cancel();
  }
}
