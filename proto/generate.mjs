// Generates TypeScript types for proto/ into shared/proto/gen with the same loader options the
// runtime uses (shared/proto/loader-options.json): the types are only right when both agree.
// `--check` regenerates into a temporary directory and fails if the committed files differ.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const options = JSON.parse(readFileSync(join(root, 'shared/proto/loader-options.json'), 'utf8'));
const committed = join(root, 'shared/proto/gen');
const check = process.argv.includes('--check');
const outDir = check ? mkdtempSync(join(tmpdir(), 'baton-gen-')) : committed;

const protoDir = join(root, 'proto');
const protos = readdirSync(join(protoDir, 'baton/v1'))
  .filter((f) => f.endsWith('.proto'))
  .map((f) => `baton/v1/${f}`);

const flags = [
  options.keepCase ? '--keepCase' : null,
  `--longs=${options.longs}`,
  `--enums=${options.enums}`,
  options.defaults ? '--defaults' : null,
  options.oneofs ? '--oneofs' : null,
  '--grpcLib=@grpc/grpc-js',
  '--importFileExtension=.js',
  '-I',
  protoDir,
  '-O',
  outDir,
].filter((f) => f !== null);

if (!check) rmSync(committed, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/@grpc/proto-loader/build/bin/proto-loader-gen-types.js'),
    ...flags,
    ...protos,
  ],
  { stdio: 'inherit' },
);

// The generator writes the absolute path of each .proto into a comment; make it relative so the
// output does not depend on where the repository is checked out.
for (const file of readdirSync(outDir, { recursive: true }).map(String)) {
  const path = join(outDir, file);
  if (!statSync(path).isFile()) continue;
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, text.replaceAll(`Original file: ${protoDir}/`, 'Original file: proto/'));
}

if (check) {
  const list = (dir) =>
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => statSync(join(dir, f)).isFile())
      .sort();
  const fresh = list(outDir);
  const old = list(committed);
  const stale = [...new Set([...fresh, ...old])].filter(
    (f) =>
      !fresh.includes(f) ||
      !old.includes(f) ||
      readFileSync(join(outDir, f), 'utf8') !== readFileSync(join(committed, f), 'utf8'),
  );
  rmSync(outDir, { recursive: true, force: true });
  if (stale.length > 0) {
    console.error(
      `generated proto types are stale (run npm run gen): ${stale.map((f) => relative(root, join(committed, f))).join(', ')}`,
    );
    process.exit(1);
  }
  console.log('generated proto types are fresh');
}
