import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, UnavailableError } from '../errors.js';
import { parseWorkflowSpec } from './definition-parse.js';
import {
  checkSubWorkflowReferences,
  type DefinitionLookup,
  MAX_REFERENCE_WALK,
} from './sub-workflow-references.js';
import type { WorkflowDefinitionSpec } from './workflow-spec.js';

/** A spec named `name` with one SHELL task and one SUB_WORKFLOW task per child. */
function specWith(name: string, children: string[]): WorkflowDefinitionSpec {
  return parseWorkflowSpec({
    name,
    tasks: [
      { name: 'first', type: 'SHELL', command: 'true' },
      ...children.map((workflow, i) => ({ name: `sub${i}`, type: 'SUB_WORKFLOW', workflow })),
    ],
  });
}

/** A lookup over `stored` (name → newest version's children) that records what it was asked. */
function fakeStore(stored: Record<string, string[]>): {
  lookup: DefinitionLookup;
  asked: string[];
} {
  const asked: string[] = [];
  const lookup: DefinitionLookup = (name) => {
    asked.push(name);
    const children = stored[name];
    return Promise.resolve(children === undefined ? null : { subWorkflows: children });
  };
  return { lookup, asked };
}

async function rejection(promise: Promise<void>): Promise<InvalidArgumentError> {
  const err: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidArgumentError);
  return err as InvalidArgumentError;
}

describe('checkSubWorkflowReferences', () => {
  it('accepts existing children, including diamonds and cycles not involving the spec', async () => {
    const { lookup, asked } = fakeStore({
      b: ['c', 'd'],
      c: ['e'],
      d: ['e'],
      e: [],
      x: ['y'],
      y: ['x'],
      gone: ['deleted-later'],
    });
    await checkSubWorkflowReferences(specWith('a', ['b', 'x', 'b', 'gone']), lookup);
    // every definition looked up exactly once, even though b is referenced twice and e twice
    expect([...asked].sort()).toEqual(['b', 'c', 'd', 'deleted-later', 'e', 'gone', 'x', 'y']);
  });

  it('does nothing without sub-workflow tasks', async () => {
    const { lookup, asked } = fakeStore({});
    await checkSubWorkflowReferences(specWith('a', []), lookup);
    expect(asked).toEqual([]);
  });

  it('rejects an unknown child', async () => {
    const { lookup } = fakeStore({ b: [] });
    const err = await rejection(checkSubWorkflowReferences(specWith('a', ['b', 'nope']), lookup));
    expect([err.field, err.detail]).toEqual(['tasks[2].workflow', 'unknown workflow "nope"']);
  });

  it('rejects direct self-inclusion even when the spec is not stored yet', async () => {
    const { lookup, asked } = fakeStore({});
    const err = await rejection(checkSubWorkflowReferences(specWith('a', ['a']), lookup));
    expect(err.field).toBe('tasks[1].workflow');
    expect(err.detail).toMatch(/a -> a/);
    expect(asked).toEqual([]);
  });

  it('rejects A -> B -> A through the newest stored version of B', async () => {
    const { lookup } = fakeStore({ b: ['a'], a: [] });
    const err = await rejection(checkSubWorkflowReferences(specWith('a', ['b']), lookup));
    expect(err.field).toBe('tasks[1].workflow');
    expect(err.detail).toBe('workflow "a" would include itself: a -> b -> a');
  });

  it('reports the shortest longer cycle, on the task that starts it', async () => {
    const { lookup } = fakeStore({ ok: [], b: ['c', 'x'], c: ['d'], d: ['a'], x: ['y'], y: [] });
    const err = await rejection(checkSubWorkflowReferences(specWith('a', ['ok', 'b']), lookup));
    expect(err.field).toBe('tasks[2].workflow');
    expect(err.detail).toMatch(/a -> b -> c -> d -> a$/);
  });

  it('ignores the stored version of the spec itself, which the spec replaces', async () => {
    // stored a used to include b; the new a does not, so b -> c is fine
    const { lookup, asked } = fakeStore({ a: ['b'], b: ['c'], c: [] });
    await checkSubWorkflowReferences(specWith('a', ['c']), lookup);
    expect(asked).not.toContain('a');
  });

  it('bounds the walk over pathological data', async () => {
    // every definition references a new one: an endless chain
    const lookup: DefinitionLookup = (name) =>
      Promise.resolve({ subWorkflows: [`${name}+`, `${name}-`] });
    const err = await rejection(checkSubWorkflowReferences(specWith('a', ['b']), lookup));
    expect(err.field).toBe('tasks[1].workflow');
    expect(err.detail).toContain(String(MAX_REFERENCE_WALK));
  });

  it('passes lookup failures through unchanged', async () => {
    const down = new UnavailableError('db down');
    const lookup: DefinitionLookup = (name) =>
      name === 'c' ? Promise.reject(down) : Promise.resolve({ subWorkflows: ['c', 'd'] });
    await expect(checkSubWorkflowReferences(specWith('a', ['b']), lookup)).rejects.toBe(down);
  });
});
