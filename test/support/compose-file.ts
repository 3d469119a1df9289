/**
 * deploy/compose.yaml as the tests read it: its services (YAML merge keys resolved, as Compose
 * resolves them), and the Baton ones among them with the role their command runs.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ROLES, type Role } from '../../shared/etcd/keys.js';

export interface ComposeService {
  name: string;
  image: string | undefined;
  /** The exec form; a string command is split on spaces, as Compose does for simple ones. */
  command: string[] | undefined;
  environment: Record<string, string>;
  /** The healthcheck's exec form without its leading `CMD`; undefined when there is none. */
  healthcheck: string[] | undefined;
  /** Volume mounts as `{ source, target }` (short syntax `source:target[:mode]`). */
  volumes: { source: string; target: string }[];
}

interface RawService {
  image?: string;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: { test?: string | string[] };
  volumes?: (string | { source?: string; target: string })[];
}

/** Reads a compose file; throws when it has no `services`. */
export function readComposeFile(path: string): Map<string, ComposeService> {
  return parseCompose(readFileSync(path, 'utf8'));
}

/** Parses compose YAML (a file, or what `docker-compose config` prints). */
export function parseCompose(text: string): Map<string, ComposeService> {
  const doc = parse(text, { merge: true }) as { services?: Record<string, RawService> };
  if (doc.services === undefined) throw new Error('a compose file without services');
  return new Map(
    Object.entries(doc.services).map(([name, raw]) => [name, normalize(name, raw)] as const),
  );
}

/** The Baton role a service runs (`node dist/services/<role>/main.js`), if it runs one. */
export function batonRole(service: ComposeService): Role | undefined {
  const entry = service.command?.[1] ?? '';
  const role = /^dist\/services\/([a-z]+)\/main\.js$/.exec(entry)?.[1];
  return (ROLES as readonly string[]).includes(role ?? '') ? (role as Role) : undefined;
}

function normalize(name: string, raw: RawService): ComposeService {
  return {
    name,
    image: raw.image,
    command: typeof raw.command === 'string' ? raw.command.split(/\s+/) : raw.command,
    environment: environmentOf(raw.environment),
    healthcheck: healthcheckOf(raw.healthcheck?.test),
    volumes: (raw.volumes ?? []).map((v) => {
      if (typeof v !== 'string') return { source: v.source ?? '', target: v.target };
      const [source = '', target = ''] = v.split(':');
      return { source, target };
    }),
  };
}

function environmentOf(raw: RawService['environment']): Record<string, string> {
  if (raw === undefined) return {};
  if (Array.isArray(raw)) {
    return Object.fromEntries(
      raw.map((line) => {
        const cut = line.indexOf('=');
        return cut < 0 ? [line, ''] : [line.slice(0, cut), line.slice(cut + 1)];
      }),
    );
  }
  // Compose passes numbers and booleans on as their text; null means "unset".
  return Object.fromEntries(
    Object.entries(raw).flatMap(([key, value]) => (value === null ? [] : [[key, String(value)]])),
  );
}

function healthcheckOf(test: string | string[] | undefined): string[] | undefined {
  if (test === undefined) return undefined;
  if (typeof test === 'string') return ['sh', '-c', test];
  const [kind, ...rest] = test;
  if (kind === 'CMD') return rest;
  if (kind === 'CMD-SHELL') return ['sh', '-c', rest.join(' ')];
  return undefined;
}
