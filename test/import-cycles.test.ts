import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(new URL('..', import.meta.url).pathname);
const SOURCES = ['services', 'shared', 'bench'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'gen' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Relative imports of a file that exist at run time (type-only imports are erased). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const imports: string[] = [];
  for (const match of text.matchAll(
    /^(import|export)\s+(type\s+)?[^;]*?from\s+'(\.{1,2}\/[^']+)\.js'/gms,
  )) {
    if (match[2] !== undefined) continue;
    imports.push(resolve(dirname(file), `${match[3]}.ts`));
  }
  return imports;
}

/** Every cycle in the graph, each reported once, as a path of files. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('module structure', () => {
  const files = SOURCES.flatMap((dir) => sourceFiles(join(root, dir)));
  const graph = new Map(files.map((f) => [f, runtimeImports(f)]));

  it('finds the imports it checks (the check is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(graph.get(join(root, 'services/master/main.ts'))).toContain(
      join(root, 'services/master/scheduler.ts'),
    );
  });

  it('has no import cycles among run-time imports', () => {
    const found = cycles(graph).map((c) => c.map((f) => relative(root, f)).join(' -> '));
    expect(found).toEqual([]);
  });

  it('reports a cycle when there is one', () => {
    const toy = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(toy)).toEqual([['a', 'b', 'c', 'a']]);
  });
});
