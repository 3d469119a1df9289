import {
  isTerminalWorkflowState,
  isWorkflowState,
} from '../../../shared/domain/workflow-states.js';
import { CancelledError, InvalidArgumentError, NotFoundError } from '../../../shared/errors.js';
import type { CallContext } from '../../../shared/grpc/call-context.js';
import type { ServerStream } from '../../../shared/grpc/server-stream.js';
import { requireId } from '../../../shared/grpc/validate.js';
import type { InstanceEvent } from '../../../shared/proto/gen/baton/v1/InstanceEvent.js';
import type { WatchInstanceRequest__Output } from '../../../shared/proto/gen/baton/v1/WatchInstanceRequest.js';
import type { WatchInstancesRequest__Output } from '../../../shared/proto/gen/baton/v1/WatchInstancesRequest.js';
import { NAME_PATTERN } from '../../../shared/domain/definition-schema.js';
import { eventToProto, type ChangeEvent } from './change-event.js';
import type { ChangeStore } from './change-store.js';
import type { Subscription } from './subscription.js';
import type { WatchHub } from './watch-hub.js';

export interface WatchDeps {
  hub: WatchHub;
  changes: ChangeStore;
  /** Whether the instance exists (NOT_FOUND otherwise). */
  instanceExists(id: string): Promise<boolean>;
}

/** Rows read from MySQL per catch-up query. */
const CATCH_UP_PAGE = 500;

/**
 * WatchInstance: the instance's changes after `after_change`, in id order, each once; then ends
 * once the instance is in a terminal state, its terminal change was sent and no later change of
 * it is known (a reopened instance, issue 14 rounds, leaves a terminal state again: a terminal
 * change followed by more changes does not end the stream; one that is the last known does,
 * and a new watch from its id sees a later reopen).
 */
export async function watchInstance(
  deps: WatchDeps,
  req: WatchInstanceRequest__Output,
  stream: ServerStream<InstanceEvent>,
  ctx: CallContext,
): Promise<void> {
  const id = requireId(req.id, 'id');
  const after = changeId(req.after_change, 'after_change');
  if (!(await deps.instanceExists(id))) throw new NotFoundError(`no instance ${id}`);
  const { subscription, horizon } = deps.hub.subscribe({ kind: 'instance', instanceId: id });
  try {
    // The instance's own last change the client has (or is sent): where it stands.
    let last = after > 0n ? await deps.changes.lastInstanceChange(id, after) : undefined;
    const send = async (event: ChangeEvent) => {
      await stream.write(eventToProto(event));
      if (event.task === null) last = { id: event.id, state: event.toState };
    };
    let cursor = after;
    for (;;) {
      const page = await deps.changes.ofInstance(id, cursor, horizon, CATCH_UP_PAGE);
      for (const event of page) await send(event);
      cursor = page.at(-1)?.id ?? cursor;
      if (page.length < CATCH_UP_PAGE) break;
    }
    for (;;) {
      if (subscription.size === 0 && last !== undefined && isTerminal(last.state)) {
        // Nothing queued; but a reopen (recover, resume) may be committed and not yet tailed
        // by this api: MySQL says whether the terminal change is still the instance's last.
        const newest = await deps.changes.lastInstanceChange(id);
        if (newest === undefined || newest.id <= last.id) return;
      }
      const event = await subscription.take(ctx.signal);
      if (event.id <= cursor) continue; // sent during catch-up, or before the client's cursor
      await send(event);
      cursor = event.id;
    }
  } finally {
    subscription.close(new CancelledError('the stream ended'));
  }
}

function isTerminal(state: string): boolean {
  return isWorkflowState(state) && isTerminalWorkflowState(state);
}

/**
 * WatchInstances: instance-level changes cluster-wide matching the filter, in id order, each
 * once, from after `after_change` (0: from now). Never ends by itself.
 */
export async function watchInstances(
  deps: WatchDeps,
  req: WatchInstancesRequest__Output,
  stream: ServerStream<InstanceEvent>,
  ctx: CallContext,
): Promise<void> {
  const after = changeId(req.after_change, 'after_change');
  const workflow = req.workflow === '' ? undefined : req.workflow;
  if (workflow !== undefined && !NAME_PATTERN.test(workflow))
    throw new InvalidArgumentError('workflow', `must match ${NAME_PATTERN.source}`);
  if (Object.keys(req.labels).length > 0) {
    // Instances carry no labels in this build (they arrive with issue 16's labels work): a
    // filter that cannot match anything is refused rather than silently never matching.
    throw new InvalidArgumentError('labels', 'instances have no labels to filter on yet');
  }
  req.states.forEach((s, i) => {
    if (!isWorkflowState(s)) throw new InvalidArgumentError(`states[${i}]`, `no state "${s}"`);
  });
  const states = req.states.length > 0 ? req.states : undefined;
  const { subscription, horizon } = deps.hub.subscribe({
    kind: 'instances',
    workflow,
    states: states === undefined ? undefined : new Set(states),
  });
  try {
    let cursor = after === 0n ? horizon : after;
    for (;;) {
      const page = await deps.changes.ofInstances(
        { workflow, states },
        cursor,
        horizon,
        CATCH_UP_PAGE,
      );
      for (const event of page) await stream.write(eventToProto(event));
      cursor = page.at(-1)?.id ?? cursor;
      if (page.length < CATCH_UP_PAGE) break;
    }
    await followLive(subscription, cursor, stream, ctx);
  } finally {
    subscription.close(new CancelledError('the stream ended'));
  }
}

async function followLive(
  subscription: Subscription,
  from: bigint,
  stream: ServerStream<InstanceEvent>,
  ctx: CallContext,
): Promise<never> {
  let cursor = from;
  for (;;) {
    const event = await subscription.take(ctx.signal);
    if (event.id <= cursor) continue;
    await stream.write(eventToProto(event));
    cursor = event.id;
  }
}

/** A change id on the wire (int64 as a decimal string): 0 or more. */
function changeId(value: string, field: string): bigint {
  if (!/^(0|[1-9][0-9]{0,19})$/.test(value))
    throw new InvalidArgumentError(field, `expected a change id (0 or more), got "${value}"`);
  return BigInt(value);
}
