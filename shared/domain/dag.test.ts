import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../errors.js';
import { validateDag } from './dag.js';

/** Shorthand: `g('a', 'b<a', 'c<a,b')` is a, b depends on a, c depends on a and b. */
function g(...specs: string[]): { name: string; dependsOn: string[] }[] {
  return specs.map((spec) => {
    const [name = '', deps] = spec.split('<');
    return { name, dependsOn: deps === undefined ? [] : deps.split(',') };
  });
}

function dagError(tasks: { name: string; dependsOn: string[] }[]): InvalidArgumentError {
  try {
    validateDag(tasks);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return err as InvalidArgumentError;
  }
  throw new Error('expected validateDag to throw');
}

describe('validateDag', () => {
  it('accepts an empty graph, a chain and a diamond', () => {
    expect(() => validateDag([])).not.toThrow();
    expect(() => validateDag(g('a', 'b<a', 'c<b'))).not.toThrow();
    expect(() => validateDag(g('a', 'b<a', 'c<a', 'd<b,c'))).not.toThrow();
  });

  it('reports a duplicate task name at its second occurrence', () => {
    const err = dagError(g('a', 'b', 'a'));
    expect(err.field).toBe('tasks[2].name');
    expect(err.detail).toContain('"a"');
  });

  it('reports an unknown dependency', () => {
    const err = dagError(g('a', 'b<a,nope'));
    expect(err.field).toBe('tasks[1].dependsOn[1]');
    expect(err.detail).toBe('unknown task "nope"');
  });

  it('reports a self-dependency', () => {
    expect(dagError(g('a', 'b<b')).field).toBe('tasks[1].dependsOn[0]');
  });

  it('reports a dependency listed twice at the second entry', () => {
    const err = dagError(g('a', 'b', 'c<a,b,a'));
    expect(err.field).toBe('tasks[2].dependsOn[2]');
    expect(err.detail).toMatch(/twice/);
  });

  it('reports a 2-cycle at its earliest-declared task with the path', () => {
    const err = dagError(g('x', 'a<b', 'b<a'));
    expect(err.field).toBe('tasks[1].dependsOn');
    expect(err.detail).toBe('dependency cycle a -> b -> a');
  });

  it('reports a 3-cycle the same way wherever the walk enters it', () => {
    // d depends on the cycle, so the walk starts outside it; a is still named first.
    const err = dagError(g('d<c', 'a<c', 'b<a', 'c<b'));
    expect(err.field).toBe('tasks[1].dependsOn');
    expect(err.detail).toBe('dependency cycle a -> c -> b -> a');
  });

  it('finds a cycle hidden behind a valid prefix', () => {
    const err = dagError(g('root', 'p<root', 'q<p,s', 'r<q', 's<r'));
    expect(err.field).toBe('tasks[2].dependsOn');
    expect(err.detail).toBe('dependency cycle q -> s -> r -> q');
  });
  it('accepts a larger random DAG declared in shuffled order', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    // edges only point to lower ids, so it is acyclic; then shuffle the declaration order
    const tasks = Array.from({ length: 200 }, (_, i) => {
      const deps = new Set<string>();
      for (let k = 0; k < rand(4) && i > 0; k++) deps.add(`t${rand(i)}`);
      return { name: `t${i}`, dependsOn: [...deps] };
    });
    for (let i = tasks.length - 1; i > 0; i--) {
      const j = rand(i + 1);
      [tasks[i], tasks[j]] = [tasks[j]!, tasks[i]!];
    }
    expect(() => validateDag(tasks)).not.toThrow();
  });
});
