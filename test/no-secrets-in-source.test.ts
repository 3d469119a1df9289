/**
 * No credential is written in the repository's deployable files or source: passwords come from
 * files named by configuration (MYSQL_PASSWORD_FILE, ETCD_PASSWORD_FILE, *_PASSWORD_FILE in
 * compose), keys are generated on first start. A static scan, so a literal that slips in (a
 * compose file with `MYSQL_PASSWORD: baton`, a test key pasted into source) fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../services/cli/cluster/infra/repo-root.js';

const ROOT = repoRoot();
/** What ships or runs against real clusters; test/ (fixtures, throwaway servers) is left out. */
const SCANNED_DIRS = ['shared', 'services', 'bench', 'test/chaos', 'deploy'];
const SCANNED_FILES = ['Dockerfile'];
const SOURCE_FILE = /\.(ts|js|mjs|cjs|json|ya?ml|sh|env)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'gen']);

/** Stand-ins a document may show where a password goes. */
const PLACEHOLDER = /^(\*+|(password|pass)\]?|<[^>]*>|\$\$?\{?[A-Za-z_]\w*\}?)$/i;

interface Finding {
  line: number;
  kind: string;
  text: string;
}

interface Rule {
  kind: string;
  pattern: RegExp;
  /** The captured value, when a placeholder or an expression makes the match harmless. */
  harmless?: (value: string) => boolean;
}

const literalValue = (value: string): boolean => {
  const bare = value.replace(/^['"]|['"]$/g, '');
  return bare !== '' && !PLACEHOLDER.test(bare) && !bare.includes('${');
};

const RULES: Rule[] = [
  {
    kind: 'password in a mysql:// URL',
    pattern: /mysql:\/\/[^\s:/@'"`]+:([^\s@/'"`]+)@/g,
    harmless: (v) => !literalValue(v),
  },
  {
    kind: 'MYSQL_PASSWORD / MYSQL_ROOT_PASSWORD with a value',
    pattern: /\bMYSQL_(?:ROOT_)?PASSWORD(?![\w])['"]?\s*[:=]\s*([^\s,#}]+)/g,
    harmless: (v) => !literalValue(v),
  },
  {
    kind: 'ETCD_PASSWORD with a value',
    pattern: /\bETCD_PASSWORD(?![\w])['"]?\s*[:=]\s*([^\s,#}]+)/g,
    harmless: (v) => !literalValue(v),
  },
  {
    kind: 'a string literal as a password (default or assignment)',
    pattern: /\bpassword\s*(?:\?\?|\|\||=|:)\s*(['"`][^'"`$]+['"`])/gi,
    harmless: (v) => !literalValue(v),
  },
  {
    kind: 'PEM private key',
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*([A-Za-z0-9+/=]{16,})/g,
  },
];

/** Every credential-looking literal in `text`, with its line. */
function findSecrets(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      if (rule.harmless?.(match[1] ?? '') === true) continue;
      const line = text.slice(0, match.index).split('\n').length;
      findings.push({ line, kind: rule.kind, text: match[0].slice(0, 80) });
    }
  }
  return findings;
}

function scannedFiles(): string[] {
  const files = SCANNED_FILES.map((f) => join(ROOT, f));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        files.push(path);
      }
    }
  };
  for (const dir of SCANNED_DIRS) walk(join(ROOT, dir));
  return files.filter((f) => statSync(f, { throwIfNoEntry: false })?.isFile() === true);
}

describe('no credentials in source', () => {
  it('deploy/, the Dockerfile and the source of shared, services, bench and test/chaos hold none', () => {
    const files = scannedFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(join(ROOT, 'deploy', 'compose.yaml'));
    const found = files.flatMap((file) =>
      findSecrets(readFileSync(file, 'utf8')).map(
        (f) => `${relative(ROOT, file)}:${f.line}: ${f.kind}: ${f.text}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it('catches what compose.yaml and the local MariaDB used to hold', () => {
    const before = [
      'x-baton-env: &baton-env',
      '  MYSQL_URL: mysql://baton:baton@mysql:3306/baton',
      '    environment:',
      '      MYSQL_PASSWORD: baton',
      "      MYSQL_ROOT_PASSWORD: 'baton-root'",
      '      - ETCD_PASSWORD=hunter2',
      "  const password = opts.password ?? 'baton';",
    ].join('\n');
    expect(findSecrets(before).map((f) => [f.line, f.kind])).toEqual([
      [2, 'password in a mysql:// URL'],
      [4, 'MYSQL_PASSWORD / MYSQL_ROOT_PASSWORD with a value'],
      [5, 'MYSQL_PASSWORD / MYSQL_ROOT_PASSWORD with a value'],
      [6, 'ETCD_PASSWORD with a value'],
      [7, 'a string literal as a password (default or assignment)'],
    ]);
  });

  it('catches a PEM private key, not a PEM header in code', () => {
    const key = [
      '-----BEGIN EC PRIVATE KEY-----',
      'MHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49',
    ];
    expect(findSecrets(key.join('\n'))).toHaveLength(1);
    expect(findSecrets("const label = 'PRIVATE KEY'; // -----BEGIN PRIVATE KEY-----")).toEqual([]);
  });

  it('leaves placeholders, file settings and expressions alone', () => {
    const fine = [
      '/** mysql://user:password@host:port/database */',
      '/** mysql://user[:password]@host:port/database or mysql://user:pass@host */',
      'MYSQL_URL: mysql://baton@mysql:3306/baton',
      'MYSQL_PASSWORD_FILE: /secrets/mysql-password',
      'MYSQL_ROOT_PASSWORD_FILE: /secrets/mysql-root-password',
      'const url = `mysql://${user}:${password}@127.0.0.1:${port}`;',
      'MYSQL_PASSWORD: ${MYSQL_PASSWORD}',
      'ETCD_PASSWORD_FILE=/run/secrets/etcd',
      "'mysql://baton:***@db:3306/baton'",
    ].join('\n');
    expect(findSecrets(fine)).toEqual([]);
  });
});
