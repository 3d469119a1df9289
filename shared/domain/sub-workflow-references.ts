/**
 * Checks a definition's SUB_WORKFLOW tasks against the stored definitions: each child must exist,
 * and no chain of children may lead back to the definition itself (A → B → A would start
 * instances forever). Storage is reached only through a {@link DefinitionLookup}, so this stays a
 * pure, testable function.
 */
import { InvalidArgumentError } from '../errors.js';
import type { WorkflowDefinitionSpec } from './workflow-spec.js';

/**
 * Looks a definition up by name: `null` when there is none, otherwise the child workflow names
 * referenced by its NEWEST version (older versions are not run for new starts, so they cannot
 * form a loop with the version being saved).
 */
export type DefinitionLookup = (name: string) => Promise<{ subWorkflows: string[] } | null>;

/** Most distinct definitions one check may look up; guards against pathological stored data. */
export const MAX_REFERENCE_WALK = 10_000;

/** Lookups in flight at once while walking one level of the reference graph. */
const LOOKUP_CONCURRENCY = 16;

/**
 * For every SUB_WORKFLOW task of `spec`, in declaration order: the named workflow must exist
 * (unless it is `spec` itself, which is then a self-inclusion), and walking the children of the
 * children breadth-first must never reach `spec.name`. Stored definitions are taken as they are
 * except `spec.name`, whose stored versions `spec` replaces. Children of children that no longer
 * exist are ignored here; the master reports them when it runs. Each name is looked up at most
 * once.
 *
 * @throws InvalidArgumentError(`tasks[i].workflow`, …) for an unknown workflow
 *   (`unknown workflow "x"`), for an inclusion cycle (the message shows it, e.g.
 *   `a -> b -> a`), or when the walk would look up more than {@link MAX_REFERENCE_WALK}
 *   definitions
 * @throws whatever `lookup` throws (e.g. UnavailableError), unchanged
 */
export async function checkSubWorkflowReferences(
  spec: WorkflowDefinitionSpec,
  lookup: DefinitionLookup,
): Promise<void> {
  const cache = new Map<string, Promise<{ subWorkflows: string[] } | null>>();
  const find = (name: string, field: string): Promise<{ subWorkflows: string[] } | null> => {
    let found = cache.get(name);
    if (found === undefined) {
      if (cache.size >= MAX_REFERENCE_WALK) {
        // Rejected, not thrown: siblings already started in the same batch stay awaited.
        return Promise.reject(
          new InvalidArgumentError(
            field,
            `sub-workflow references reach more than ${MAX_REFERENCE_WALK} definitions`,
          ),
        );
      }
      found = lookup(name);
      // A failure surfaces through whoever awaits it; never as an unhandled rejection.
      found.catch(() => undefined);
      cache.set(name, found);
    }
    return found;
  };
  // child name → the cycle through it (null: none), so repeated children are walked once
  const cycles = new Map<string, string[] | null>();

  for (const [i, task] of spec.tasks.entries()) {
    if (task.type !== 'SUB_WORKFLOW') continue;
    const field = `tasks[${i}].workflow`;
    const child = task.workflow;
    if (child === spec.name) {
      throw new InvalidArgumentError(
        field,
        `a workflow cannot include itself: ${child} -> ${child}`,
      );
    }
    if (!cycles.has(child)) {
      if ((await find(child, field)) === null) {
        throw new InvalidArgumentError(field, `unknown workflow "${child}"`);
      }
      cycles.set(child, await pathBack(child, spec.name, (name) => find(name, field)));
    }
    const cycle = cycles.get(child);
    if (cycle !== null && cycle !== undefined) {
      throw new InvalidArgumentError(
        field,
        `workflow "${spec.name}" would include itself: ${[spec.name, ...cycle].join(' -> ')}`,
      );
    }
  }
}

/**
 * Breadth-first from `start` over stored references, level by level with bounded concurrency.
 * Returns the shortest chain `start, …, target` (first-found among equals, in reference order),
 * or null when `target` is unreachable.
 */
async function pathBack(
  start: string,
  target: string,
  find: (name: string) => Promise<{ subWorkflows: string[] } | null>,
): Promise<string[] | null> {
  const parent = new Map<string, string | null>([[start, null]]);
  const chainTo = (name: string): string[] => {
    const chain = [target];
    for (let at: string | null | undefined = name; at != null; at = parent.get(at)) {
      chain.unshift(at);
    }
    return chain;
  };
  let frontier = [start];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (let from = 0; from < frontier.length; from += LOOKUP_CONCURRENCY) {
      const batch = frontier.slice(from, from + LOOKUP_CONCURRENCY);
      const found = await Promise.all(batch.map(find));
      for (const [k, name] of batch.entries()) {
        for (const child of found[k]?.subWorkflows ?? []) {
          if (child === target) return chainTo(name);
          if (!parent.has(child)) {
            parent.set(child, name);
            next.push(child);
          }
        }
      }
    }
    frontier = next;
  }
  return null;
}
