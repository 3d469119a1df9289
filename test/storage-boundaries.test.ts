import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(new URL('..', import.meta.url).pathname);

/**
 * A service's storage boundary: in `dir`, only `allowedFiles` (its stores, paths relative to
 * `dir`) may build an etcd transaction or reach a store's etcd client or keys; every other file
 * calls the stores' named methods (STYLE.md, "Ports, not handles"), so no fence is forgotten in
 * a new file. One row per service.
 */
interface Boundary {
  dir: string;
  allowedFiles: string[];
  forbidden: { name: string; pattern: RegExp }[];
}

/** Building or committing an etcd transaction, or a raw etcd write. */
const ETCD_WRITES = [
  { name: 'a transaction compare .if(', pattern: /\.if\(/ },
  { name: 'a transaction .txn(', pattern: /\.txn\(/ },
  { name: 'a transaction .commit(', pattern: /\.commit\(/ },
  { name: 'a raw etcd.put(', pattern: /\betcd\.put\(/ },
  { name: 'a raw etcd.delete(', pattern: /\betcd\.delete\(/ },
];

/** Reaching through a store to its handles. */
const STORE_HANDLES = [
  { name: 'a store’s etcd client store.etcd', pattern: /\bstore\.etcd\b/ },
  { name: 'a store’s keys store.keys', pattern: /\bstore\.keys\b/ },
];

/** SQL, or the database handle it would be written against. */
const SQL = [
  { name: 'raw SQL sql`', pattern: /\bsql`|\bsql<[^>]*>`/ },
  { name: 'a query .selectFrom(', pattern: /\.selectFrom\(/ },
  { name: 'a write .updateTable(', pattern: /\.updateTable\(/ },
  { name: 'a write .insertInto(', pattern: /\.insertInto\(/ },
  { name: 'a write .deleteFrom(', pattern: /\.deleteFrom\(/ },
  { name: 'a database handle .db', pattern: /\.db\b/ },
];

const BOUNDARIES: Boundary[] = [
  {
    dir: 'services/coordinator',
    allowedFiles: ['serial-store.ts', 'shard-claim-store.ts', 'task-groups/task-group-store.ts'],
    forbidden: [...ETCD_WRITES, ...STORE_HANDLES],
  },
  {
    // The master's stores own every SQL statement and fenced write (store/); the run, ownership
    // and scheduler call their named methods.
    dir: 'services/master',
    allowedFiles: [
      'store/instance-store.ts',
      'store/claim-store.ts',
      'store/instance-queries.ts',
      'store/schedule-store.ts',
      'store/backfill-store.ts',
      'store/definition-cache.ts',
      'store/logic-lookups.ts',
      'store/alert-outbox-store.ts',
      'store/alert-outbox-writes.ts',
    ],
    forbidden: [...SQL, ...ETCD_WRITES, ...STORE_HANDLES],
  },
];

/** The file's code without comments (prose may name a call); line breaks are kept. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Source files of `dir`, relative to it (tests set up their state directly: not checked). */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
  );
}

function read(dir: string, file: string): string {
  return code(readFileSync(join(root, dir, file), 'utf8'));
}

/** Every `file:line: what` outside the boundary's stores that crosses it. */
function violations({ dir, allowedFiles, forbidden }: Boundary): string[] {
  return sourceFiles(dir)
    .filter((file) => !allowedFiles.includes(file))
    .flatMap((file) =>
      read(dir, file)
        .split('\n')
        .flatMap((line, i) =>
          forbidden
            .filter(({ pattern }) => pattern.test(line))
            .map(({ name }) => `${dir}/${file}:${i + 1}: ${name}`),
        ),
    );
}

describe.each(BOUNDARIES)('storage boundary of $dir', (boundary) => {
  it('only its stores build etcd transactions or reach a store’s handles', () => {
    expect(violations(boundary)).toEqual([]);
  });

  it('reads real files, and its patterns match what its stores do (the check is not vacuous)', () => {
    const files = sourceFiles(boundary.dir);
    expect(files).toEqual(expect.arrayContaining(boundary.allowedFiles));
    expect(files.length).toBeGreaterThan(boundary.allowedFiles.length);
    const stores = boundary.allowedFiles.map((file) => read(boundary.dir, file));
    for (const store of stores)
      expect(boundary.forbidden.some(({ pattern }) => pattern.test(store))).toBe(true);
  });
});
