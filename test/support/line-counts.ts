import { existsSync, readFileSync } from 'node:fs';

/**
 * How many times each line appears in `file` (tasks append their name to it when they run):
 * `{ a: 1, c1: 2 }`. Empty when the file does not exist yet (nothing ran).
 */
export function runsOf(file: string): Record<string, number> {
  const counts: Record<string, number> = {};
  if (!existsSync(file)) return counts;
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean))
    counts[line] = (counts[line] ?? 0) + 1;
  return counts;
}
