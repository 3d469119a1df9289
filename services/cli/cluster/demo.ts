/**
 * `baton cluster up --demo`: applies every definition in deploy/demo (sub-workflows before the
 * workflows that run them) and runs the `demo` workflow until it ends.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './infra/repo-root.js';
import type { Instance__Output } from '../../../shared/proto/gen/baton/v1/Instance.js';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { watchInstance } from '../watch-instance.js';

export const DEMO_WORKFLOW = 'demo';

interface DemoFile {
  path: string;
  name: string;
  yaml: string;
  /** Names of the workflows its SUB_WORKFLOW tasks run. */
  children: string[];
}

export interface DemoRun {
  workflows: { name: string; version: number }[];
  instance: Instance__Output;
}

export function demoDir(): string {
  return join(repoRoot(), 'deploy', 'demo');
}

export async function runDemo(ctx: CliContext): Promise<DemoRun> {
  const files = childrenFirst(await readDemoFiles(demoDir()));
  const workflows = [];
  for (const file of files) {
    const definition = await ctx.call('ApplyWorkflow', { yaml: file.yaml });
    workflows.push({ name: definition.name, version: definition.version });
    ctx.say(`applied ${definition.name} version ${definition.version}`);
  }
  const started = await ctx.callOnce('StartInstance', { workflow: DEMO_WORKFLOW, params: {} });
  ctx.say(`started ${DEMO_WORKFLOW}: instance ${started.id}`);
  const instance = await watchInstance(ctx, started.id, { progress: !ctx.json });
  return { workflows, instance };
}

async function readDemoFiles(dir: string): Promise<DemoFile[]> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  if (names.length === 0) throw new CliError(`no demo definitions (*.yaml) in ${dir}`);
  return Promise.all(
    names.map(async (n) => {
      const path = join(dir, n);
      const yaml = await readFile(path, 'utf8');
      const doc = parse(yaml) as { name?: unknown; tasks?: unknown } | null;
      const tasks = Array.isArray(doc?.tasks) ? (doc.tasks as Record<string, unknown>[]) : [];
      const children = tasks
        .filter((t) => t['type'] === 'SUB_WORKFLOW' && typeof t['workflow'] === 'string')
        .map((t) => t['workflow'] as string);
      return { path, name: typeof doc?.name === 'string' ? doc.name : path, yaml, children };
    }),
  );
}

/**
 * Orders definitions so that each comes after the ones it runs as sub-workflows (a depth-first
 * topological sort; the api rejects a parent whose child does not exist yet, and reports
 * cycles itself, so a cycle here just keeps file order).
 */
export function childrenFirst(files: DemoFile[]): DemoFile[] {
  const byName = new Map(files.map((f) => [f.name, f]));
  const ordered: DemoFile[] = [];
  const visiting = new Set<string>();
  const visit = (file: DemoFile): void => {
    if (ordered.includes(file) || visiting.has(file.name)) return;
    visiting.add(file.name);
    for (const child of file.children) {
      const childFile = byName.get(child);
      if (childFile !== undefined) visit(childFile);
    }
    ordered.push(file);
  };
  files.forEach(visit);
  return ordered;
}
