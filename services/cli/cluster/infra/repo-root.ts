import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The repository (or installed package) root: the nearest ancestor holding Baton's
 * package.json. Works from sources (tests) and from dist/ alike.
 */
export function repoRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'baton'
    ) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the baton package root');
    dir = parent;
  }
}

/** The compiled entry point of a service (`npm run build` makes it). */
export function serviceEntry(role: string): string {
  return join(repoRoot(), 'dist', 'services', role, 'main.js');
}
