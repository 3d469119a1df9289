import { errorMessage } from '../../shared/errors.js';
import { readOwnership } from '../../shared/etcd/ownership.js';
import type { ServiceRuntime } from '../../shared/service-runtime.js';
import type { ClusterView } from './cluster-view.js';

/**
 * Tells a parent's owner that one of its children ended. Best effort: the parent's reconciler
 * re-reads its children's states anyway, so a lost notification only delays the parent.
 */
export async function notifyParent(
  runtime: ServiceRuntime,
  cluster: ClusterView,
  parentId: string,
  childId: string,
): Promise<void> {
  try {
    const owner = await readOwnership(runtime.etcd, runtime.keys, parentId);
    const master = owner === undefined ? undefined : cluster.masters.get(owner.holder);
    if (master === undefined) return;
    await cluster
      .masterClient(master.address)
      .NotifyChildEnded(
        { parent_instance_id: parentId, child_instance_id: childId },
        { timeoutMs: 5_000 },
      );
  } catch (err) {
    runtime.log.debug(
      { parent: parentId, child: childId, err: errorMessage(err) },
      'parent notification failed',
    );
  }
}
