import type { IKeyValue } from 'etcd3';
import type { z } from 'zod';
import {
  parseValue,
  ticketOf,
  type QueueEntry,
  type SlotValue,
} from '../../shared/serial/serial-values.js';
import type { QueuedInstance, SlotHolder, Stored } from './serial-ports.js';

// Stored JSON keeps epochs as strings (64-bit); the coordinator's code works with bigint. These
// convert at the storage edge, once each way, so no epoch makes a string round trip in between.

/** Epochs are written by this coordinator from a validated bigint; anything else is not ours. */
const EPOCH = /^\d+$/;

// A value written before queue tickets (migration 0012) has none: its ticket is its instance id
// and its round 0, which is what it was admitted under.

export function toHolder(value: SlotValue): SlotHolder | undefined {
  if (!EPOCH.test(value.epoch)) return undefined;
  return { ...value, epoch: BigInt(value.epoch), ticket: ticketOf(value), round: value.round ?? 0 };
}

export function toQueued(value: QueueEntry): QueuedInstance | undefined {
  if (!EPOCH.test(value.epoch)) return undefined;
  return { ...value, epoch: BigInt(value.epoch), ticket: ticketOf(value), round: value.round ?? 0 };
}

export function toEntryValue(entry: QueuedInstance): QueueEntry {
  return { ...entry, epoch: entry.epoch.toString() };
}

export function toSlotValue(holder: SlotHolder): SlotValue {
  return { ...holder, epoch: holder.epoch.toString() };
}

/** A key's value parsed and converted, or undefined when it is not of that shape. */
export function stored<R, T>(
  kv: IKeyValue | undefined,
  schema: z.ZodType<R>,
  convert: (raw: R) => T | undefined,
): Stored<T> | undefined {
  if (kv === undefined) return undefined;
  const raw = parseValue(schema, kv.value.toString());
  const value = raw === undefined ? undefined : convert(raw);
  return value === undefined ? undefined : { key: kv.key.toString(), value, mod: kv.mod_revision };
}
