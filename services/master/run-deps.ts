import type { Etcd3 } from 'etcd3';
import type { EtcdKeys } from '../../shared/etcd/keys.js';
import type { StopRequestDeps } from '../../shared/instances/request-stop.js';
import type { Logger } from '../../shared/log.js';
import type { ClusterView } from './cluster-view.js';
import type { DefinitionCache } from './definition-cache.js';
import type { InstanceStore } from './instance-store.js';
import type { SerialGate } from './serial-gate.js';

/** What an owned instance's run uses from the master around it. */
export interface RunDeps {
  readonly self: { name: string; address: string };
  readonly store: InstanceStore;
  readonly cluster: ClusterView;
  readonly definitions: DefinitionCache;
  readonly etcd: Etcd3;
  readonly keys: EtcdKeys;
  readonly stopDeps: StopRequestDeps;
  readonly serial: SerialGate;
  readonly log: Logger;
  /** Hands a created child instance to a master (fire and forget; reconcilers back it up). */
  submitChild(childId: string, workflow: string): void;
  /** The run reached a terminal state: forget it, release ownership, tell the parent. */
  ended(instanceId: string, epoch: bigint, parentId: string | null): void;
  /** The run lost ownership or reset itself: forget it (and release ownership if ours). */
  dropped(instanceId: string, epoch: bigint, releaseOwnership: boolean): void;
}
